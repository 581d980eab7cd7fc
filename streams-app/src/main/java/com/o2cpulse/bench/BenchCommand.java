package com.o2cpulse.bench;

import com.o2cpulse.config.Setting;
import com.o2cpulse.config.Settings;
import com.o2cpulse.embedded.EmbeddedKafkaBroker;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.run.O2cPulse;
import com.o2cpulse.run.TopicAdmin;
import com.o2cpulse.serde.AvroSerde;
import com.o2cpulse.serde.SchemaRegistryServer;
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: throughput of o2c-pulse against a baseline measured in the same run on the same broker and
 * input: a plain transactional consume → decode → encode → produce loop, what any exactly-once Kafka
 * application pays at least. Prints both and their ratio; machines are noisy, so compare ratios.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures o2c-pulse's exactly-once throughput on an embedded broker against a plain transactional "
                + "consume-produce baseline over the same simulated input, and prints both with their ratio.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--orders", defaultValue = "20000", description = "Simulated orders in the input (default: ${DEFAULT-VALUE}).")
    private int orders;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the input topics (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--processing-guarantee", defaultValue = "exactly_once_v2", description = "o2c-pulse mode (default: ${DEFAULT-VALUE}).")
    private String guarantee;

    @Option(names = "--bootstrap-servers", description = "Use this cluster instead of an embedded broker.")
    private String bootstrapServers;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("o2c-bench");
        EmbeddedKafkaBroker broker = null;
        try (SchemaRegistryServer registry = SchemaRegistryServer.start("127.0.0.1", 0)) {
            String bootstrap = bootstrapServers;
            if (bootstrap == null) {
                broker = new EmbeddedKafkaBroker(dir.resolve("broker"), 0).start();
                bootstrap = broker.bootstrapServers();
            }
            String runId = Long.toString(System.currentTimeMillis());
            Topics topics = new Topics("bench-" + runId + ".");
            List<SpecificRecord> events = new Simulator(42, Instant.parse("2026-11-20T08:00:00Z")).generate(orders);
            createInputs(bootstrap, topics);
            long produceNanos = produce(bootstrap, registry, topics, events);
            out.printf("bench: %,d events of %,d orders produced in %.1f s%n", events.size(), orders, produceNanos / 1e9);
            out.flush();

            double baseline = new CopyLoopBaseline(bootstrap, new O2cSerdes(registry.registry()), topics).run(events.size());
            out.printf("bench: baseline transactional consume-decode-encode-produce loop: %,.0f events/s%n", baseline);
            out.flush();

            double pulse = runPulse(bootstrap, registry, topics, dir, runId, events.size(), out);
            out.printf("bench: o2c-pulse (%s, %d partitions): %,.0f events/s = %.2f x baseline%n", guarantee, partitions, pulse, pulse / baseline);
            out.flush();
            return 0;
        } finally {
            if (broker != null) {
                broker.close();
            }
            deleteQuietly(dir);
        }
    }

    private void createInputs(String bootstrap, Topics topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> inputs = new ArrayList<>();
            topics.inputs().forEach(t -> inputs.add(new NewTopic(t, partitions, (short) 1)));
            admin.createTopics(inputs).all().get();
            TopicAdmin.awaitLeaders(admin, topics.inputs());
        }
    }

    private static long produce(String bootstrap, SchemaRegistryServer registry, Topics topics, List<SpecificRecord> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        long started = System.nanoTime();
        try (KafkaProducer<byte[], SpecificRecord> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                AvroSerde.anyRecord(registry.registry(), false).serializer())) {
            for (SpecificRecord event : events) {
                SpecificRecordBase base = (SpecificRecordBase) event;
                producer.send(new ProducerRecord<>(topics.input(EventStream.of(base)),
                        Events.eventId(base).getBytes(StandardCharsets.UTF_8), event));
            }
            producer.flush();
        }
        return System.nanoTime() - started;
    }

    private double runPulse(String bootstrap, SchemaRegistryServer registry, Topics topics, Path dir, String runId,
                            int eventCount, PrintWriter out) throws Exception {
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        options.put(Setting.BOOTSTRAP_SERVERS, bootstrap);
        options.put(Setting.SCHEMA_REGISTRY_URL, registry.url());
        options.put(Setting.APPLICATION_ID, "o2c-bench-" + runId);
        options.put(Setting.TOPIC_PREFIX, topics.prefix());
        options.put(Setting.CREATE_TOPICS, "true");
        options.put(Setting.TOPIC_PARTITIONS, Integer.toString(partitions));
        options.put(Setting.HTTP_PORT, "0");
        options.put(Setting.DATA_DIR, dir.resolve("pulse").toString());
        options.put(Setting.PROCESSING_GUARANTEE, guarantee);
        Settings settings = Settings.load(null, Map.of(), options, Map.of());
        long started = System.nanoTime();
        try (O2cPulse pulse = O2cPulse.start(settings, true);
             Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            awaitRunning(pulse);
            long running = System.nanoTime();
            out.printf("bench: o2c-pulse running %.1f s after start%n", (running - started) / 1e9);
            Duration elapsed = new ConsumerLag(admin, settings.applicationId()).awaitCaughtUp(topics.inputs(), Duration.ofMinutes(10));
            Runtime runtime = Runtime.getRuntime();
            out.printf("bench: o2c-pulse consumed all input %.1f s after start; heap used %,d MB%n",
                    (System.nanoTime() - started) / 1e9, (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
            return eventCount / (elapsed.toNanos() / 1e9);
        }
    }

    private static void awaitRunning(O2cPulse pulse) throws InterruptedException {
        while (pulse.streams().state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
            Thread.sleep(50);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it otherwise
        }
    }
}
