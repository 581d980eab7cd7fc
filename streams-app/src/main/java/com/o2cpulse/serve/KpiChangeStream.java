package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.serde.AvroJson;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.Topics;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every KPI change as published, to every connected Server-Sent-Events client. One consumer without a group reads
 * the committed records of all KPI topics from their end as of start, on its own thread. Each client first gets
 * {@code event: hello}; then {@code event: kpi} with {@code {"kpi": ..., "key": ..., "value": {...} | null}} per
 * change, and a comment every heartbeat interval, which also finds the clients that went away.
 */
final class KpiChangeStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KpiChangeStream.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration POSITION_WAIT = Duration.ofSeconds(10);

    private final Properties consumerProperties;
    private final Map<String, KpiFamily> familiesByTopic = new HashMap<>();
    private final Deserializer<SpecificRecord> valueDeserializer;
    private final String instance;
    private final Duration heartbeatInterval;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> positioned = new CompletableFuture<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread pollThread;
    private final ScheduledExecutorService heartbeats;
    private volatile KafkaConsumer<String, byte[]> consumer;

    KpiChangeStream(Properties consumerProperties, Topics topics, O2cSerdes serdes, String instance,
                    Duration heartbeatInterval) {
        this.consumerProperties = consumerProperties(consumerProperties, instance);
        for (KpiFamily family : KpiFamily.values()) {
            familiesByTopic.put(topics.kpi(family), family);
        }
        this.valueDeserializer = serdes.anyValue().deserializer();
        this.instance = instance;
        this.heartbeatInterval = heartbeatInterval;
        this.pollThread = new Thread(this::pollUntilClosed, "kpi-change-stream");
        this.pollThread.setDaemon(true);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kpi-change-stream-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer());
        pollThread.start();
        long millis = heartbeatInterval.toMillis();
        heartbeats.scheduleAtFixedRate(this::sendHeartbeats, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Completes once the consumer's positions are fixed: every change committed after that is streamed. */
    CompletableFuture<Void> positioned() {
        return positioned;
    }

    int subscribers() {
        return subscribers.size();
    }

    /**
     * Keeps the client open and subscribes it. {@code hello} is sent once the stream is positioned (or after a
     * bounded wait), so that a client may rely on seeing every change made after its hello. {@code initialEvents}
     * (KPI event payloads) follow the hello, before any live change.
     */
    void subscribe(SseClient client, Supplier<List<String>> initialEvents) {
        client.keepAlive();
        Subscriber subscriber = new Subscriber(client);
        client.onClose(() -> subscribers.remove(subscriber));
        boolean live = awaitPositioned();
        synchronized (subscriber) {
            subscribers.add(subscriber);
            ObjectNode hello = JsonNodeFactory.instance.objectNode();
            hello.put("instance", instance);
            hello.put("live", live);
            subscriber.send("hello", Reply.write(hello));
            for (String event : initialEvents.get()) {
                subscriber.send("kpi", event);
            }
        }
    }

    /** The {@code kpi} event payload: {@code {"kpi": ..., "key": ..., "value": {...} | null}}. */
    static String kpiEvent(KpiFamily family, String key, JsonNode value) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("kpi", family.id());
        event.put("key", key);
        event.set("value", value == null ? JsonNodeFactory.instance.nullNode() : value);
        return Reply.write(event);
    }

    private boolean awaitPositioned() {
        try {
            positioned.get(POSITION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private void pollUntilClosed() {
        KafkaConsumer<String, byte[]> kafka = consumer;
        try (kafka) {
            List<TopicPartition> partitions = awaitPartitions(kafka);
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            kafka.seekToEnd(partitions);
            partitions.forEach(kafka::position);
            positioned.complete(null);
            LOG.info("KPI change stream reads {} partitions of {} from their end", partitions.size(),
                    familiesByTopic.keySet());
            while (closing.getCount() > 0) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL_TIMEOUT)) {
                    broadcast(record);
                }
            }
        } catch (WakeupException e) {
            if (closing.getCount() > 0) {
                LOG.error("KPI change stream woken up unexpectedly; it stops");
            }
        } catch (RuntimeException e) {
            LOG.error("KPI change stream stopped: {}", e.toString());
        }
    }

    /** All partitions of the KPI topics, waiting for topics that do not exist yet; empty when closed meanwhile. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> kafka) {
        while (closing.getCount() > 0) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String topic : familiesByTopic.keySet()) {
                List<PartitionInfo> infos = kafka.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    missing.add(topic);
                } else {
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            if (missing.isEmpty()) {
                return partitions;
            }
            LOG.info("KPI change stream waits for topics {}", missing);
            try {
                if (closing.await(5, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }

    private void broadcast(ConsumerRecord<String, byte[]> record) {
        KpiFamily family = familiesByTopic.get(record.topic());
        String event;
        try {
            SpecificRecord value = valueDeserializer.deserialize(record.topic(), record.value());
            event = kpiEvent(family, record.key(), value == null ? null : AvroJson.toJson(value));
        } catch (RuntimeException e) {
            LOG.warn("Skipping undecodable KPI record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            return;
        }
        for (Subscriber subscriber : subscribers) {
            subscriber.send("kpi", event);
        }
    }

    private void sendHeartbeats() {
        for (Subscriber subscriber : subscribers) {
            subscriber.comment("heartbeat");
        }
    }

    @Override
    public void close() {
        closing.countDown();
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        heartbeats.shutdownNow();
        try {
            pollThread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Subscriber subscriber : subscribers) {
            subscriber.close();
        }
        subscribers.clear();
        positioned.cancel(false);
    }

    private static Properties consumerProperties(Properties given, String instance) {
        Properties properties = new Properties();
        properties.putAll(given);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "o2c-pulse-kpi-stream-" + instance);
        return properties;
    }

    /** One client; writes to it are serialised, as several threads send (changes, heartbeats, the handler). */
    private final class Subscriber {
        private final SseClient client;

        Subscriber(SseClient client) {
            this.client = client;
        }

        synchronized void send(String event, String data) {
            if (!client.terminated()) {
                client.sendEvent(event, data);
            }
            dropIfGone();
        }

        synchronized void comment(String text) {
            if (!client.terminated()) {
                client.sendComment(text);
            }
            dropIfGone();
        }

        synchronized void close() {
            client.close();
        }

        private void dropIfGone() {
            if (client.terminated()) {
                subscribers.remove(this);
            }
        }
    }
}
