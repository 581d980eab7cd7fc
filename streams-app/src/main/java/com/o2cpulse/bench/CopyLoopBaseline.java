package com.o2cpulse.bench;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Contestant (a): one thread reads the input topics read_committed, decodes and validates each event with the
 * application's serde, encodes it again and produces it to a copy topic, in transactions committed every 100 ms
 * with their input offsets — the floor cost of exactly-once Avro processing on this broker. Its own clock starts
 * when its partitions are assigned: the group join alone takes seconds and is no part of the loop's cost.
 */
final class CopyLoopBaseline implements Contestant {

    private static final long TRANSACTION_MILLIS = 100;

    private final String name;
    private final String bootstrap;
    private final O2cSerdes serdes;
    private final Topics topics;
    private final String copyTopic;
    private final String groupId;
    private final long eventCount;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile long assignedAt = -1;
    private volatile long finishedAt = -1;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Map<MetricName, ? extends Metric> producerMetrics;
    private Thread loop;

    CopyLoopBaseline(String name, String bootstrap, O2cSerdes serdes, Topics topics, String copyTopic, String groupId, long eventCount) {
        this.name = name;
        this.bootstrap = bootstrap;
        this.serdes = serdes;
        this.topics = topics;
        this.copyTopic = copyTopic;
        this.groupId = groupId;
        this.eventCount = eventCount;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public Optional<String> internalTopicPrefix() {
        return Optional.empty();
    }

    @Override
    public boolean writes(String topic) {
        return topic.equals(copyTopic);
    }

    @Override
    public void start() {
        loop = new Thread(() -> {
            try {
                copyAll();
            } catch (WakeupException e) {
                // closed before the end
            } catch (Throwable e) {
                failure.set(e);
            }
        }, groupId + "-copy-loop");
        loop.start();
    }

    @Override
    public void checkAlive() {
        if (failure.get() != null) {
            throw new IllegalStateException("copy loop failed: " + failure.get(), failure.get());
        }
    }

    /** Its own whole-run rate, clock started at partition assignment. */
    @Override
    public Optional<String> details() {
        if (assignedAt < 0 || finishedAt < 0) {
            return Optional.empty();
        }
        double seconds = (finishedAt - assignedAt) / 1e9;
        return Optional.of(String.format("own clock from partition assignment to last commit: %,.0f events/s over %.2f s",
                eventCount / seconds, seconds));
    }

    @Override
    public ProducedBytes produced() {
        Map<MetricName, ? extends Metric> metrics = producerMetrics;
        return ProducedBytes.of(metrics == null ? Map.of() : metrics);
    }

    @Override
    public void close() {
        stopping = true;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (loop != null) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void copyAll() {
        Map<EventStream, Deserializer<SpecificRecordBase>> decoders = new HashMap<>();
        for (EventStream stream : EventStream.values()) {
            decoders.put(stream, serdes.inputEvent(eventClass(stream)).deserializer());
        }
        Serializer<SpecificRecord> encoder = serdes.anyValue().serializer();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer = reader;
            producerMetrics = producer.metrics();
            reader.subscribe(topics.inputs(), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (assignedAt < 0 && !partitions.isEmpty()) {
                        assignedAt = System.nanoTime();
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }
            });
            producer.initTransactions();
            long copied = 0;
            while (copied < eventCount && !stopping) {
                producer.beginTransaction();
                long transactionEnd = System.currentTimeMillis() + TRANSACTION_MILLIS;
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                while (System.currentTimeMillis() < transactionEnd && copied < eventCount) {
                    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(20))) {
                        SpecificRecordBase event = decoders.get(streamOf(record.topic())).deserialize(record.topic(), record.value());
                        producer.send(new ProducerRecord<>(copyTopic, record.key(), encoder.serialize(copyTopic, event)));
                        offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                        copied++;
                    }
                }
                if (!offsets.isEmpty()) {
                    producer.sendOffsetsToTransaction(offsets, reader.groupMetadata());
                }
                producer.commitTransaction();
            }
            finishedAt = System.nanoTime();
        } finally {
            consumer = null;
        }
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        return props;
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
