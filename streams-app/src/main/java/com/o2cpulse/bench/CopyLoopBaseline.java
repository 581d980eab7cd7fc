package com.o2cpulse.bench;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The baseline: one thread reads the input topics read_committed, decodes and validates each event with the
 * application's serde, encodes it again and produces it to a copy topic, in transactions committed every 100 ms
 * with their input offsets — the floor cost of exactly-once Avro processing on this broker.
 */
final class CopyLoopBaseline {

    private static final long TRANSACTION_MILLIS = 100;

    private final String bootstrap;
    private final O2cSerdes serdes;
    private final Topics topics;

    CopyLoopBaseline(String bootstrap, O2cSerdes serdes, Topics topics) {
        this.bootstrap = bootstrap;
        this.serdes = serdes;
        this.topics = topics;
    }

    /** Copies {@code eventCount} events; returns events per second. */
    double run(int eventCount) {
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, topics.prefix() + "baseline");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + "baseline");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        Map<EventStream, Deserializer<SpecificRecordBase>> decoders = new HashMap<>();
        for (EventStream stream : EventStream.values()) {
            decoders.put(stream, serdes.inputEvent(eventClass(stream)).deserializer());
        }
        Serializer<SpecificRecord> encoder = serdes.anyValue().serializer();
        String copyTopic = topics.prefix() + "baseline-copy";
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(topics.inputs());
            producer.initTransactions();
            long copied = 0;
            long started = System.nanoTime();
            while (copied < eventCount) {
                producer.beginTransaction();
                long transactionEnd = System.currentTimeMillis() + TRANSACTION_MILLIS;
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                while (System.currentTimeMillis() < transactionEnd && copied < eventCount) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(20));
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        SpecificRecordBase event = decoders.get(streamOf(record.topic())).deserialize(record.topic(), record.value());
                        producer.send(new ProducerRecord<>(copyTopic, record.key(), encoder.serialize(copyTopic, event)));
                        offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                        copied++;
                    }
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
            }
            return copied / ((System.nanoTime() - started) / 1e9);
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<SpecificRecordBase> eventClass(EventStream stream) {
        return (Class<SpecificRecordBase>) stream.eventClass();
    }

    private EventStream streamOf(String topic) {
        for (EventStream stream : EventStream.values()) {
            if (topics.input(stream).equals(topic)) {
                return stream;
            }
        }
        throw new IllegalArgumentException("not an input topic: " + topic);
    }
}
