package com.o2cpulse.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.App;
import com.o2cpulse.config.Setting;
import com.o2cpulse.config.Directories;
import com.o2cpulse.config.Settings;
import com.o2cpulse.embedded.LoopbackPorts;
import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.oracle.BatchKpiOracle;
import com.o2cpulse.oracle.OracleDiff;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.schema.kpi.OrderStatus;
import com.o2cpulse.serde.AvroJson;
import com.o2cpulse.serde.AvroSerde;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.serde.SchemaRegistries;
import com.o2cpulse.serde.SchemaRegistryServer;
import com.o2cpulse.replayfile.EventJson;
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The shared plumbing of the tests on the embedded broker: one o2c-pulse application started exactly as production
 * starts it (production mode against the test broker, with a schema registry over HTTP), events produced through
 * the real serde under arbitrary keys, a {@code read_committed} view of its output topics, and waits on conditions
 * with a deadline. Each instance has its own application id and topic prefix, so tests can share a broker.
 */
final class PulseUnderTest implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final ZoneId ZONE = ZoneId.of("UTC");
    static final Duration SLA = Duration.ofHours(24);

    /** Old enough for the last invoices to lie in the past, young enough for every order to be within the retention horizons. */
    private static final Duration SIMULATION_AGE = Duration.ofDays(20);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final int DIFF_LINES_SHOWN = 20;

    private final TestKafka kafka;
    private SchemaRegistryServer registry;
    private final int registryPort;
    private final Map<Setting, String> options;
    private final Settings settings;
    private final Path directory;
    private final ZoneId zone;
    private final Duration sla;
    private final Random keys;
    private final AvroSerde<SpecificRecord> serde;
    private final KafkaProducer<byte[], SpecificRecord> eventProducer;
    private final KafkaProducer<byte[], byte[]> byteProducer;
    private final EventJson json = new EventJson();
    private final List<String> producedLines = new ArrayList<>();
    private final Set<String> knownOrders = new TreeSet<>();
    private Map<String, Map<String, ObjectNode>> expected;
    private OutputView outputs;
    private O2cPulse app;
    private Process childJvm;
    private int childJvmStarts;
    private Instant startedAt;

    private PulseUnderTest(TestKafka kafka, Path directory, String name, ZoneId zone, Duration sla) {
        this.kafka = kafka;
        this.zone = zone;
        this.sla = sla;
        this.keys = new Random(name.hashCode());
        this.registry = SchemaRegistryServer.start("127.0.0.1", 0);
        this.registryPort = registry.port();
        this.directory = directory;
        this.options = options(kafka, registry, directory, name, zone, sla);
        this.settings = Settings.load(null, Map.of(), options, Map.of());
        this.serde = AvroSerde.anyRecord(SchemaRegistries.connect(registry.url(), Map.of()), false);
        this.eventProducer = producer(serde.serializer());
        this.byteProducer = producer(new ByteArraySerializer());
    }

    /** An application named {@code name} (its id and topic prefix) with state under {@code directory}. */
    static PulseUnderTest create(TestKafka kafka, Path directory, String name) {
        return new PulseUnderTest(kafka, directory, name, ZONE, SLA);
    }

    static PulseUnderTest create(TestKafka kafka, Path directory, String name, ZoneId zone, Duration sla) {
        return new PulseUnderTest(kafka, directory, name, zone, sla);
    }

    private static Map<Setting, String> options(TestKafka kafka, SchemaRegistryServer registry, Path directory,
            String name, ZoneId zone, Duration sla) {
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        options.put(Setting.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        options.put(Setting.SCHEMA_REGISTRY_URL, registry.url());
        options.put(Setting.APPLICATION_ID, name);
        options.put(Setting.TOPIC_PREFIX, name + ".");
        options.put(Setting.CREATE_TOPICS, "true");
        options.put(Setting.TOPIC_PARTITIONS, "3");
        options.put(Setting.HTTP_PORT, "0");
        options.put(Setting.DATA_DIR, directory.resolve("data").toString());
        options.put(Setting.STATE_DIR, directory.resolve("state").toString());
        options.put(Setting.BUSINESS_ZONE, zone.getId());
        options.put(Setting.INVOICE_SLA, sla.toMillis() + "ms");
        return options;
    }

    /**
     * The events of {@code orders} simulated orders, a third of them moved far from their place and one in twenty
     * delivered again later. The simulation starts 20 days ago so that its last invoices (up to about two weeks
     * after their orders) lie in the past too, while its orphans stay within the 30-day never-known horizon: an event
     * clamped to now would otherwise retire them, and the KPIs would rightly differ from the batch truth.
     */
    static List<SpecificRecord> simulatedStream(long seed, int orders) {
        Instant now = Instant.now();
        Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(SIMULATION_AGE);
        List<SpecificRecord> arrivals = new ArrayList<>(new Simulator(seed, start).generate(orders));
        Instant last = arrivals.stream().map(e -> Events.eventTime((SpecificRecordBase) e)).max(Comparator.naturalOrder()).orElse(start);
        if (last.isAfter(now)) {
            throw new IllegalStateException("the simulation reaches " + last + ", after now: start it earlier");
        }
        Random random = new Random(seed);
        for (int i = 0; i < arrivals.size() / 3; i++) {
            Collections.swap(arrivals, random.nextInt(arrivals.size()), random.nextInt(arrivals.size()));
        }
        int redeliveries = arrivals.size() / 20;
        for (int i = 0; i < redeliveries; i++) {
            arrivals.add(random.nextInt(arrivals.size() + 1), arrivals.get(random.nextInt(arrivals.size())));
        }
        return arrivals;
    }

    Settings settings() {
        return settings;
    }

    Topics topics() {
        return settings.topics();
    }

    /** Starts the application as {@code run} does; a later call after {@link #stop()} restarts it. */
    O2cPulse start() {
        if (app != null) {
            throw new IllegalStateException("already running");
        }
        startedAt = Instant.now();
        app = O2cPulse.start(settings, false);
        return app;
    }

    /** Closes the application as its shutdown hook does. */
    void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    /**
     * Starts the application in a JVM of its own, as an operator starts it: {@code o2c-pulse run} (the jar's main
     * class, on the test's class path) with the settings as {@code O2C_*} environment variables, and waits until it
     * reports ready on {@code /health/ready} (its topics exist then). Its output goes to {@code application-N.log} in
     * the test's directory.
     */
    void startInChildJvm() {
        if (app != null || childJvm != null) {
            throw new IllegalStateException("already running");
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", classPath, App.class.getName(), "run");
        builder.environment().keySet().removeIf(name -> name.startsWith("O2C_") || name.startsWith("KAFKA_"));
        options.forEach((setting, value) -> builder.environment().put(setting.environmentVariable(), value));
        int httpPort = LoopbackPorts.freePort();
        builder.environment().put(Setting.HTTP_PORT.environmentVariable(), Integer.toString(httpPort));
        Path log = directory.resolve("application-" + ++childJvmStarts + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        startedAt = Instant.now();
        try {
            childJvm = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the application's JVM", e);
        }
        awaitChildJvmReady(httpPort);
    }

    private void awaitChildJvmReady(int httpPort) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CLIENT_TIMEOUT).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                .timeout(CLIENT_TIMEOUT).build();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = "not listening yet";
        while (System.nanoTime() - deadline < 0) {
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the application's JVM", e);
            }
            try {
                // Waits on the process between attempts: returns at once if it died.
                if (childJvm.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the application's JVM exited with " + childJvm.exitValue()
                            + " before it was ready; its last output:\n    " + childJvmLogTail());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the application's JVM", e);
            }
        }
        throw new AssertionError("the application's JVM was not ready within " + TIMEOUT + " (" + last
                + "); its last output:\n    " + childJvmLogTail());
    }

    /** Kills the application's JVM as {@code kill -9} does: no shutdown hook, no close, no last commit. */
    void haltChildJvm() {
        if (childJvm == null) {
            throw new IllegalStateException("no application JVM running");
        }
        childJvm.destroyForcibly();
        try {
            if (!childJvm.waitFor(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the application's JVM outlived SIGKILL for " + CLIENT_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the application's JVM to die", e);
        }
        childJvm = null;
    }

    /** The last lines the application's JVM wrote, for a failure message. */
    private String childJvmLogTail() {
        Path log = directory.resolve("application-" + childJvmStarts + ".log");
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n    ", lines.subList(Math.max(0, lines.size() - DIFF_LINES_SHOWN), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The wall-clock time of the last {@link #start()}. */
    Instant startedAt() {
        return startedAt;
    }

    /** Deletes the Kafka Streams state directory, as losing the machine's disk would. */
    void wipeStateDirectory() {
        Directories.delete(settings.stateDir());
    }

    /**
     * Produces three fifths of {@code events}; once some KPIs are out, produces the fourth fifth and at once
     * {@code interrupt}s the application (a stop, a kill) while it processes them. Returns the last fifth, for the
     * test to produce while the application is down.
     */
    List<SpecificRecord> produceAndInterruptMidStream(List<SpecificRecord> events, Runnable interrupt) {
        int first = events.size() * 3 / 5;
        int second = events.size() * 4 / 5;
        produce(events.subList(0, first));
        awaitSomeKpiOutput();
        produce(events.subList(first, second));
        interrupt.run();
        return events.subList(second, events.size());
    }

    /** Produces valid events to their input topics under random or null keys and waits for every acknowledgement. */
    void produce(List<SpecificRecord> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (SpecificRecord event : events) {
            sent.add(eventProducer.send(new ProducerRecord<>(inputTopic(event), randomKey(), event)));
            expect(event);
        }
        sent.forEach(PulseUnderTest::acknowledged);
    }

    /** Produces a valid event in an encoding of the test's choice (another schema version, say); the oracle sees it. */
    RecordMetadata produceEncoded(SpecificRecord event, byte[] value) {
        RecordMetadata produced = acknowledged(byteProducer.send(new ProducerRecord<>(inputTopic(event), randomKey(), value)));
        expect(event);
        return produced;
    }

    private void expect(SpecificRecord event) {
        producedLines.add(json.write(event));
        if (event instanceof OrderEvent order && order.getEventType() != OrderEventType.CANCELLED) {
            knownOrders.add(order.getCorrelationId());
        }
        expected = null;
    }

    /** The schemas behind the test's registry server; they outlive stopping it. */
    InMemorySchemaRegistry registeredSchemas() {
        return registry.registry();
    }

    /** Stops the schema registry server: its port refuses connections until {@link #restartRegistry()}. */
    void stopRegistry() {
        registry.close();
    }

    /** Starts the schema registry server again on the same port with the same schemas. */
    void restartRegistry() {
        registry.close();
        registry = SchemaRegistryServer.start("127.0.0.1", registryPort, registry.registry());
    }

    /**
     * Starts the schema registry server again on the same port with the same schemas, now requiring credentials the
     * application does not have (as after a rotation): it answers each of its requests 401.
     */
    void restartRegistryRejectingCredentials() {
        registry.close();
        registry = SchemaRegistryServer.start("127.0.0.1", registryPort, registry.registry(), Optional.of("o2c-pulse:rotated-secret"));
    }

    /** Produces an event through the real serde that the application must reject; the oracle never sees it. */
    RecordMetadata produceInvalid(SpecificRecord event) {
        return acknowledged(eventProducer.send(new ProducerRecord<>(inputTopic(event), randomKey(), event)));
    }

    /** Produces raw bytes to a topic; the oracle never sees them. */
    RecordMetadata produceBytes(String topic, byte[] value) {
        return acknowledged(byteProducer.send(new ProducerRecord<>(topic, randomKey(), value)));
    }

    /** The bytes the real serde writes for an event. */
    byte[] serialize(SpecificRecord event) {
        return serde.serializer().serialize(inputTopic(event), event);
    }

    int producedEvents() {
        return producedLines.size();
    }

    /** The batch oracle's KPI topics over exactly the valid events produced so far. */
    Map<String, Map<String, ObjectNode>> expectedKpis() {
        if (expected == null) {
            expected = BatchKpiOracle.compute(producedLines, zone, sla);
        }
        return expected;
    }

    /** Reads the output topics up to their current end offsets and lists how the KPIs differ from the oracle. */
    List<String> kpiDifferences() {
        outputs().catchUp();
        return OracleDiff.diff(expectedKpis(), outputs().kpisInOracleForm());
    }

    /** Waits until the KPI topics, read {@code read_committed}, equal the batch oracle; fails with the last diff. */
    void awaitKpisEqualTheOracle() {
        Map<String, Map<String, ObjectNode>> want = expectedKpis();
        await("KPI topics equal to the batch recomputation", () -> OracleDiff.diff(want, outputs().kpisInOracleForm()));
    }

    /** Waits until the order-status topic holds one record for every known order and for nothing else. */
    void awaitOrderStatusOfEveryKnownOrder() {
        await("one order-status record per known order", () -> {
            Map<String, SpecificRecord> statuses = outputs().latest(topics().orderStatus());
            List<String> problems = new ArrayList<>();
            knownOrders.stream().filter(id -> !statuses.containsKey(id))
                    .forEach(id -> problems.add("no order status for known order " + id));
            statuses.forEach((key, value) -> {
                if (!knownOrders.contains(key)) {
                    problems.add("order status for an order never placed: " + key);
                } else if (!(value instanceof OrderStatus status) || !key.equals(status.getCorrelationId())) {
                    problems.add("order status under key " + key + " is " + value);
                }
            });
            return problems;
        });
    }

    /** How many KPI records {@code read_committed} consumers see now, tombstones included. */
    long kpiRecordsRead() {
        outputs().catchUp();
        return outputs().kpiRecordsRead();
    }

    /** Waits until at least one KPI record is visible to {@code read_committed} consumers. */
    void awaitSomeKpiOutput() {
        await("some KPI output", () -> outputs().kpiRecordsRead() > 0 ? List.of() : List.of("no KPI record yet"));
    }

    /** Waits until the application has committed its position at the end of every input partition. */
    void awaitAllInputCommitted() {
        await("every input record consumed and committed", () -> {
            long end = endOffsets(topics().inputs());
            long committed = committedInputOffsets();
            return committed == end ? List.of() : List.of("committed input offsets " + committed + " of " + end);
        });
    }

    /** The smallest {@code updatedAt} of the KPI records read: when the first one was published. */
    Instant firstKpiPublishedAt() {
        return outputs().firstKpiPublishedAt;
    }

    /** Records in the changelog topics of the application's stores: what a wiped instance restores. */
    long changelogRecords() {
        Set<String> changelogs = new TreeSet<>(admin(kafka.admin().listTopics().names()));
        changelogs.removeIf(topic -> !topic.startsWith(settings.applicationId() + "-") || !topic.endsWith("-changelog"));
        return endOffsets(changelogs);
    }

    /** The input offsets the application group has committed, summed over the input topics. */
    long committedInputOffsets() {
        Map<TopicPartition, OffsetAndMetadata> committed = admin(kafka.admin()
                .listConsumerGroupOffsets(settings.applicationId()).partitionsToOffsetAndMetadata());
        return committed.entrySet().stream()
                .filter(e -> topics().inputs().contains(e.getKey().topic()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** The end offsets of the topics' partitions, summed. */
    private long endOffsets(Collection<String> topicNames) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin(kafka.admin().describeTopics(topicNames).allTopicNames()).forEach((topic, description) -> description
                .partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        return admin(kafka.admin().listOffsets(latest).all()).values().stream()
                .mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    private static <T> T admin(KafkaFuture<T> request) {
        try {
            return request.get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("admin request failed", e);
        }
    }

    @Override
    public void close() {
        try {
            stop();
            if (childJvm != null) {
                haltChildJvm();
            }
        } finally {
            if (outputs != null) {
                outputs.close();
            }
            eventProducer.close(CLIENT_TIMEOUT);
            byteProducer.close(CLIENT_TIMEOUT);
            registry.close();
        }
    }

    private void await(String what, Supplier<List<String>> problems, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean readSomething = outputs().catchUp();
            List<String> last = problems.get();
            if (last.isEmpty()) {
                return;
            }
            KafkaStreams.State state = app == null ? null : app.streams().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
                throw new AssertionError("the application failed while waiting for " + what + "; " + summary(last));
            }
            if (childJvm != null && !childJvm.isAlive()) {
                throw new AssertionError("the application's JVM exited with " + childJvm.exitValue() + " while waiting for "
                        + what + "; " + summary(last) + "\n  its last output:\n    " + childJvmLogTail());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " not reached within " + timeout + "; " + summary(last));
            }
            if (!readSomething) {
                outputs().awaitRecords(POLL);
            }
        }
    }

    /** Waits until {@code problems} finds none, reading outputs meanwhile; fails with the last problems found. */
    void await(String what, Supplier<List<String>> problems) {
        await(what, problems, TIMEOUT);
    }

    private static String summary(List<String> differences) {
        return differences.size() + " differences:\n  "
                + String.join("\n  ", differences.subList(0, Math.min(DIFF_LINES_SHOWN, differences.size())))
                + (differences.size() > DIFF_LINES_SHOWN ? "\n  ..." : "");
    }

    private OutputView outputs() {
        if (outputs == null) {
            outputs = new OutputView();
        }
        return outputs;
    }

    private String inputTopic(SpecificRecord event) {
        return topics().input(EventStream.of(event));
    }

    /** Producers key by anything: random bytes, and now and then no key at all. */
    private byte[] randomKey() {
        return keys.nextInt(4) == 0 ? null : Long.toHexString(keys.nextLong()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An idempotent producer with one request in flight: with more, a request refused while the broker is still
     * applying a just-created partition can be overtaken by the next one and then never be accepted (KAFKA-15591).
     */
    private <V> KafkaProducer<byte[], V> producer(Serializer<V> valueSerializer) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new ByteArraySerializer(), valueSerializer);
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> send) {
        try {
            return send.get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a record was not acknowledged", e);
        }
    }

    /**
     * What a {@code read_committed} consumer of the KPI and order-status topics has seen: the latest value per key,
     * a tombstone removing its key. One consumer, kept across restarts of the application and read incrementally.
     */
    private final class OutputView implements AutoCloseable {

        private final KafkaConsumer<String, SpecificRecord> consumer;
        private final List<TopicPartition> partitions = new ArrayList<>();
        private final Map<String, Map<String, SpecificRecord>> latest = new HashMap<>();
        private long kpiRecords;
        private Instant firstKpiPublishedAt;

        OutputView() {
            Map<String, Object> config = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), serde.deserializer());
            for (String topic : topics().compacted()) {
                latest.put(topic, new TreeMap<>());
                consumer.partitionsFor(topic, CLIENT_TIMEOUT)
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Reads every partition up to its end offset (the last stable offset) as it is now; true if any record came. */
        boolean catchUp() {
            long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CLIENT_TIMEOUT);
            boolean read = false;
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), CLIENT_TIMEOUT) < e.getValue())) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("output topics not read to their end offsets " + end + " within " + CLIENT_TIMEOUT);
                }
                read |= apply(consumer.poll(POLL));
            }
            return read;
        }

        /** Blocks until records arrive or the wait is over. */
        void awaitRecords(Duration wait) {
            apply(consumer.poll(wait));
        }

        Map<String, SpecificRecord> latest(String topic) {
            return latest.get(topic);
        }

        long kpiRecordsRead() {
            return kpiRecords;
        }

        /** The KPI topics as the oracle writes them: under the oracle's (default) topic names, values as JSON. */
        Map<String, Map<String, ObjectNode>> kpisInOracleForm() {
            Map<String, Map<String, ObjectNode>> kpis = new TreeMap<>();
            for (KpiFamily family : KpiFamily.values()) {
                Map<String, ObjectNode> values = new TreeMap<>();
                latest.get(topics().kpi(family)).forEach((key, value) -> values.put(key, AvroJson.toJson(value)));
                kpis.put(Topics.DEFAULT.kpi(family), values);
            }
            return kpis;
        }

        private boolean apply(ConsumerRecords<String, SpecificRecord> records) {
            for (ConsumerRecord<String, SpecificRecord> record : records) {
                Map<String, SpecificRecord> values = latest.get(record.topic());
                if (record.value() == null) {
                    values.remove(record.key());
                } else {
                    values.put(record.key(), record.value());
                }
                if (!record.topic().equals(topics().orderStatus())) {
                    kpiRecords++;
                    notePublication(record.value());
                }
            }
            return !records.isEmpty();
        }

        private void notePublication(SpecificRecord kpi) {
            Schema.Field updatedAt = kpi == null ? null : kpi.getSchema().getField("updatedAt");
            if (updatedAt != null && kpi.get(updatedAt.pos()) instanceof Instant at
                    && (firstKpiPublishedAt == null || at.isBefore(firstKpiPublishedAt))) {
                firstKpiPublishedAt = at;
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
