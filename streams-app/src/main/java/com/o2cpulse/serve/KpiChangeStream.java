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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every KPI change as published, to every connected Server-Sent-Events client. One consumer without a group follows
 * the committed records of all KPI topics, on its own thread. Each client first gets {@code event: hello}; then
 * {@code event: kpi} with {@code {"kpi": ..., "key": ..., "value": {...} | null}} per change, and a comment every
 * heartbeat interval, which also finds the clients that went away.
 *
 * <p>It costs nothing while nobody listens: without a client the partitions are paused, nothing is fetched nor
 * decoded. The first client to come wakes the consumer, which seeks to the end of every partition and resumes;
 * the client's {@code hello} follows, so it sees every change committed after it. Changes are conflated per
 * (kpi, key) within a polled batch: of several changes of one key only the latest is decoded and sent.
 */
final class KpiChangeStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KpiChangeStream.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /** While paused; a client that comes wakes the consumer up at once. */
    private static final Duration IDLE_POLL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POSITION_WAIT = Duration.ofSeconds(10);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Map<String, KpiFamily> familiesByTopic = new HashMap<>();
    private final Deserializer<SpecificRecord> valueDeserializer;
    private final String instance;
    private final Duration heartbeatInterval;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread pollThread;
    private final ScheduledExecutorService heartbeats;
    private volatile Consumer<String, byte[]> consumer;

    /**
     * Guards the decision to pause against clients coming: a client counts itself in {@link #joining} and takes
     * {@link #listening} under this lock; the poll thread pauses only under it, when nobody is subscribed nor joining,
     * and then replaces {@link #listening} by a future completed once it has sought to the end and resumed.
     */
    private final Object gate = new Object();
    private int joining;
    private CompletableFuture<Void> listening = new CompletableFuture<>();

    KpiChangeStream(Properties consumerProperties, Topics topics, O2cSerdes serdes, String instance,
                    Duration heartbeatInterval) {
        this(kafkaConsumers(consumerProperties(consumerProperties, instance)), topics, serdes.anyValue().deserializer(),
                instance, heartbeatInterval);
    }

    /** With the consumer and the KPI value deserializer given: for tests. */
    KpiChangeStream(Supplier<Consumer<String, byte[]>> consumers, Topics topics,
                    Deserializer<SpecificRecord> valueDeserializer, String instance, Duration heartbeatInterval) {
        this.consumers = consumers;
        for (KpiFamily family : KpiFamily.values()) {
            familiesByTopic.put(topics.kpi(family), family);
        }
        this.valueDeserializer = valueDeserializer;
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
        consumer = consumers.get();
        pollThread.start();
        long millis = heartbeatInterval.toMillis();
        heartbeats.scheduleAtFixedRate(this::sendHeartbeats, millis, millis, TimeUnit.MILLISECONDS);
    }

    int subscribers() {
        return subscribers.size();
    }

    /**
     * Keeps the client open and subscribes it. {@code hello} is sent once the stream reads from the end of every
     * partition for this client (or after a bounded wait), so that a client may rely on seeing every change made
     * after its hello. {@code initialEvents} (KPI event payloads) follow the hello, before any live change.
     */
    void subscribe(SseClient client, Supplier<List<String>> initialEvents) {
        client.keepAlive();
        subscribe(EventSink.of(client), initialEvents);
    }

    void subscribe(EventSink sink, Supplier<List<String>> initialEvents) {
        Subscriber subscriber = new Subscriber(sink);
        sink.onClose(() -> subscribers.remove(subscriber));
        CompletableFuture<Void> reading;
        synchronized (gate) {
            joining++;
            reading = listening;
        }
        try {
            if (!reading.isDone()) {
                wakeUp();
            }
            boolean live = await(reading);
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
        } finally {
            synchronized (gate) {
                joining--;
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

    private static boolean await(CompletableFuture<Void> reading) {
        try {
            reading.get(POSITION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private void wakeUp() {
        Consumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
    }

    private boolean open() {
        return closing.getCount() > 0;
    }

    private void pollUntilClosed() {
        Consumer<String, byte[]> kafka = consumer;
        try (kafka) {
            List<TopicPartition> partitions = awaitPartitions(kafka);
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            kafka.pause(partitions);
            LOG.info("KPI change stream follows {} partitions of {}, read while a client listens", partitions.size(),
                    familiesByTopic.keySet());
            boolean paused = true;
            while (open()) {
                try {
                    paused = pauseOrResume(kafka, partitions, paused);
                    ConsumerRecords<String, byte[]> records = kafka.poll(paused ? IDLE_POLL_TIMEOUT : POLL_TIMEOUT);
                    // Checked after the poll: a record committed after a client's hello is polled after the
                    // client was added, so it is never skipped here.
                    if (!records.isEmpty() && !subscribers.isEmpty()) {
                        broadcast(latestPerKey(records));
                    }
                } catch (WakeupException e) {
                    // A client wants the stream read, or it closes: the loop looks again.
                } catch (TimeoutException e) {
                    LOG.warn("KPI change stream cannot find the end of its partitions yet; retrying: {}", e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("KPI change stream stopped: {}", e.toString());
        }
    }

    /**
     * Pauses the partitions when nobody is subscribed nor joining; seeks to their end and resumes them when
     * somebody is, then tells the joining clients. Returns whether the partitions are paused now.
     */
    private boolean pauseOrResume(Consumer<String, byte[]> kafka, List<TopicPartition> partitions, boolean paused) {
        CompletableFuture<Void> reading;
        synchronized (gate) {
            boolean wanted = joining > 0 || !subscribers.isEmpty();
            if (!paused && !wanted) {
                kafka.pause(partitions);
                listening = new CompletableFuture<>();
                LOG.debug("KPI change stream paused: no client");
                return true;
            }
            if (!paused || !wanted) {
                return paused;
            }
            reading = listening;
        }
        kafka.seekToEnd(partitions);
        partitions.forEach(kafka::position);
        kafka.resume(partitions);
        reading.complete(null);
        LOG.debug("KPI change stream reads from the end of its partitions for a client");
        return false;
    }

    /** The batch conflated per (topic, key): the latest record of each, in the order of these latest records. */
    private static Collection<ConsumerRecord<String, byte[]>> latestPerKey(ConsumerRecords<String, byte[]> records) {
        Map<TopicKey, ConsumerRecord<String, byte[]>> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicKey key = new TopicKey(record.topic(), record.key());
            latest.remove(key);
            latest.put(key, record);
        }
        return latest.values();
    }

    private record TopicKey(String topic, String key) {
    }

    /** All partitions of the KPI topics, waiting for topics that do not exist yet; empty when closed meanwhile. */
    private List<TopicPartition> awaitPartitions(Consumer<String, byte[]> kafka) {
        while (open()) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            try {
                for (String topic : familiesByTopic.keySet()) {
                    List<PartitionInfo> infos = kafka.partitionsFor(topic);
                    if (infos == null || infos.isEmpty()) {
                        missing.add(topic);
                    } else {
                        infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                    }
                }
            } catch (WakeupException e) {
                continue;  // a client came, or closing: nothing to do before the partitions are known
            } catch (TimeoutException e) {
                missing.add(e.getMessage());
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

    private void broadcast(Collection<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            KpiFamily family = familiesByTopic.get(record.topic());
            String event;
            try {
                SpecificRecord value = record.value() == null ? null
                        : valueDeserializer.deserialize(record.topic(), record.value());
                event = kpiEvent(family, record.key(), value == null ? null : AvroJson.toJson(value));
            } catch (RuntimeException e) {
                LOG.warn("Skipping undecodable KPI record {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.toString());
                continue;
            }
            for (Subscriber subscriber : subscribers) {
                subscriber.send("kpi", event);
            }
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
        wakeUp();
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
        synchronized (gate) {
            listening.cancel(false);
        }
    }

    private static Supplier<Consumer<String, byte[]>> kafkaConsumers(Properties properties) {
        return () -> new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
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
        private final EventSink client;

        Subscriber(EventSink client) {
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
