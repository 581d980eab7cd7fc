package com.o2cpulse.chaos;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.events.ShipmentLine;
import com.o2cpulse.serde.AvroSerde;
import com.o2cpulse.sim.Arrival;
import com.o2cpulse.replayfile.EventJson;
import com.o2cpulse.topology.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the simulated stream at a steady pace through the real serde and registry, recording every event the
 * cluster acknowledged (so the truth can be recomputed), and every {@code poisonEvery} events one poison record of
 * the next kind: random bytes, an unknown schema id, a valid Avro shipment that fails validation.
 */
final class ChaosProducer implements AutoCloseable {

    enum Poison { RANDOM_BYTES, UNKNOWN_SCHEMA_ID, NEGATIVE_QUANTITY }

    private static final Logger LOG = LoggerFactory.getLogger(ChaosProducer.class);
    private static final int UNKNOWN_SCHEMA_ID = 999_999;

    private final KafkaProducer<byte[], SpecificRecord> events;
    private final KafkaProducer<byte[], byte[]> bytes;
    private final Serializer<SpecificRecord> serializer;
    private final Topics topics;
    private final Iterator<Arrival> arrivals;
    private final double eventsPerSecond;
    private final int poisonEvery;
    private final Random random;
    private final EventJson json = new EventJson();
    private final BufferedWriter eventLog;
    private final BufferedWriter unacknowledgedLog;
    private final BufferedWriter poisonLog;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong poisoned = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private long sent;
    private ShipmentEvent lastShipment;

    ChaosProducer(String bootstrapServers, AvroSerde<SpecificRecord> serde, Topics topics, Iterator<Arrival> arrivals,
            double eventsPerSecond, int poisonEvery, long seed, RunFiles files) throws IOException {
        this.serializer = serde.serializer();
        this.events = new KafkaProducer<>(config(bootstrapServers), new ByteArraySerializer(), serializer);
        this.bytes = new KafkaProducer<>(config(bootstrapServers), new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.arrivals = arrivals;
        this.eventsPerSecond = eventsPerSecond;
        this.poisonEvery = poisonEvery;
        this.random = new Random(seed);
        this.eventLog = Files.newBufferedWriter(files.events());
        this.unacknowledgedLog = Files.newBufferedWriter(files.unacknowledged());
        this.poisonLog = Files.newBufferedWriter(files.poison());
        this.thread = new Thread(this::produce, "chaos-producer");
    }

    /**
     * Idempotent, acks=all, and patient: a broker kill must delay sends, never fail them, or the truth would be
     * unknown. One request in flight (KAFKA-15591).
     */
    private static Map<String, Object> config(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis());
    }

    ChaosProducer start() {
        thread.start();
        return this;
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    long poisoned() {
        return poisoned.get();
    }

    private void produce() {
        long started = System.nanoTime();
        try {
            while (running && arrivals.hasNext()) {
                long due = started + (long) (sent * 1e9 / eventsPerSecond);
                long waitNanos = due - System.nanoTime();
                if (waitNanos > 0) {
                    Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                }
                SpecificRecordBase event = (SpecificRecordBase) arrivals.next().event();
                send(event);
                if (event instanceof ShipmentEvent shipment && !shipment.getLines().isEmpty()) {
                    lastShipment = shipment;
                }
                if (++sent % poisonEvery == 0) {
                    sendPoison(Poison.values()[(int) (poisoned.get() % Poison.values().length)]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("chaos producer stopped", e);
            }
        }
    }

    private void send(SpecificRecordBase event) {
        String line = json.write(event);
        String topic = topics.input(EventStream.of(event));
        events.send(new ProducerRecord<>(topic, Events.eventId(event).getBytes(StandardCharsets.UTF_8), event), (metadata, exception) -> {
            if (exception == null) {
                acknowledged.incrementAndGet();
                write(eventLog, line);
            } else {
                failed.incrementAndGet();
                LOG.error("event {} not acknowledged: {}", Events.eventId(event), exception.toString());
                write(unacknowledgedLog, line);
            }
        });
    }

    private void sendPoison(Poison kind) {
        String topic;
        byte[] value;
        switch (kind) {
            case RANDOM_BYTES -> {
                topic = topics.inputs().get(random.nextInt(topics.inputs().size()));
                value = randomBytes(40);
                value[0] = (byte) (1 + random.nextInt(255));
            }
            case UNKNOWN_SCHEMA_ID -> {
                topic = topics.inputs().get(random.nextInt(topics.inputs().size()));
                value = ByteBuffer.allocate(5 + 16).put((byte) 0).putInt(UNKNOWN_SCHEMA_ID).put(randomBytes(16)).array();
            }
            case NEGATIVE_QUANTITY -> {
                if (lastShipment == null) {
                    return;
                }
                ShipmentEvent negative = negativeQuantity(lastShipment, poisoned.get());
                topic = topics.input(EventStream.of(negative));
                value = serializer.serialize(topic, negative);
            }
            default -> throw new IllegalStateException("unknown poison " + kind);
        }
        poisoned.incrementAndGet();
        bytes.send(new ProducerRecord<>(topic, randomBytes(8), value), (metadata, exception) -> {
            if (exception == null) {
                write(poisonLog, kind + "\t" + metadata.topic() + "\t" + metadata.partition() + "\t" + metadata.offset());
            } else {
                failed.incrementAndGet();
                LOG.error("poison record not acknowledged: {}", exception.toString());
            }
        });
    }

    /** A copy of a real shipment under new ids whose first line ships -3 units: valid Avro, invalid business event. */
    private static ShipmentEvent negativeQuantity(ShipmentEvent template, long n) {
        List<ShipmentLine> lines = new ArrayList<>(template.getLines());
        lines.set(0, ShipmentLine.newBuilder(lines.get(0)).setQuantity(-3).build());
        return ShipmentEvent.newBuilder(template).setEventId("poison-" + n + "-" + template.getEventId())
                .setShipmentId("poison-" + n + "-" + template.getShipmentId()).setLines(lines).build();
    }

    private byte[] randomBytes(int length) {
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }

    private static void write(BufferedWriter writer, String line) {
        synchronized (writer) {
            try {
                writer.write(line);
                writer.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Stops producing, waits for every outstanding acknowledgement and closes the record files. */
    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(Duration.ofSeconds(10).toMillis());
        events.close(Duration.ofMinutes(2));
        bytes.close(Duration.ofMinutes(2));
        for (BufferedWriter writer : List.of(eventLog, unacknowledgedLog, poisonLog)) {
            synchronized (writer) {
                writer.close();
            }
        }
    }
}
