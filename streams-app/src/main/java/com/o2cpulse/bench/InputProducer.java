package com.o2cpulse.bench;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.serde.AvroSerde;
import com.o2cpulse.serde.SchemaRegistryClient;
import com.o2cpulse.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes input events as the outside world would: Avro values through the registry, keyed by event id, to the topic
 * of their stream. Fails loudly if any record was not acknowledged, so that no contestant runs on partial input.
 */
final class InputProducer implements AutoCloseable {

    private final KafkaProducer<byte[], SpecificRecord> producer;
    private final Topics topics;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;

    InputProducer(String bootstrap, SchemaRegistryClient registry, Topics topics, int lingerMillis) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMillis));
        // Belt and braces with TopicReadiness: one request in flight per partition cannot reorder a retried batch.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), AvroSerde.anyRecord(registry, false).serializer());
        this.topics = topics;
    }

    void send(SpecificRecord event) {
        send(event, null);
    }

    /** @param onAppend also told of the append (with its metadata), or null */
    void send(SpecificRecord event, Callback onAppend) {
        SpecificRecordBase base = (SpecificRecordBase) event;
        ProducerRecord<byte[], SpecificRecord> record = new ProducerRecord<>(topics.input(EventStream.of(base)),
                Events.eventId(base).getBytes(StandardCharsets.UTF_8), event);
        sent++;
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            } else {
                acknowledged.incrementAndGet();
            }
            if (onAppend != null) {
                onAppend.onCompletion(metadata, exception);
            }
        });
    }

    /** Waits for every acknowledgement; throws if any record failed. Returns the records acknowledged. */
    long flush() {
        producer.flush();
        if (failure.get() != null || acknowledged.get() != sent) {
            throw new IllegalStateException("input incomplete: " + acknowledged.get() + " of " + sent + " records acknowledged",
                    failure.get());
        }
        return sent;
    }

    @Override
    public void close() {
        producer.close();
    }
}
