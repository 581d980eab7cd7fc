package com.o2cpulse.chaos;

import com.o2cpulse.config.Setting;
import com.o2cpulse.config.Settings;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.serde.AvroSerde;
import com.o2cpulse.serde.SchemaRegistries;
import com.o2cpulse.sim.SimulationProfile;
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chaos}: the Java half of {@code deploy/local/chaos.sh}. The script starts, kills, stops and restarts the
 * processes; these subcommands produce and record the stream, find the broker to kill, wait on conditions, and
 * verify the outcome exactly.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Chaos-run tools for deploy/local/chaos.sh and failover.sh: await-brokers, produce, leader, coordinator, await-ready, recovered, drained, verify, readers.",
        subcommands = {ChaosCommand.AwaitBrokers.class, ChaosCommand.Produce.class, ChaosCommand.Leader.class, ChaosCommand.Coordinator.class,
                ChaosCommand.AwaitReady.class,
                ChaosCommand.Recovered.class, ChaosCommand.Drained.class, ChaosCommand.Verify.class, ReaderProbe.class})
public final class ChaosCommand implements Runnable {

    static final int FAILED = 1;
    /** Exit code of {@code recovered} when the group coordinator serves stale committed offsets; chaos.sh restarts it. */
    static final int STALE_COORDINATOR = 3;
    private static final Duration STALE_OFFSETS_GRACE = Duration.ofSeconds(20);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Waits until the condition holds, then prints "chaos: {done} in N s" and answers 0; past the timeout prints the
     * failure (asked only then, so it can describe the last state seen) and answers {@link #FAILED}.
     */
    static int awaitAndReport(CommandSpec spec, Duration timeout, BooleanSupplier condition, String done, Supplier<String> failure)
            throws InterruptedException {
        long started = System.nanoTime();
        if (!ClusterProbe.await(timeout, condition)) {
            spec.commandLine().getErr().println(failure.get());
            return FAILED;
        }
        spec.commandLine().getOut().printf("chaos: %s in %.1f s%n", done, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** The cluster and application every subcommand talks about. */
    static final class Target {
        @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT")
        String bootstrapServers;

        @Option(names = "--application-id", defaultValue = "o2c-pulse", paramLabel = "ID")
        String applicationId;

        @Option(names = "--topic-prefix", defaultValue = "o2c.", paramLabel = "PREFIX")
        String topicPrefix;

        @Mixin
        Deadline deadline;

        Topics topics() {
            return new Topics(topicPrefix);
        }

        Duration timeout() {
            return deadline.timeout();
        }

        ClusterProbe probe() {
            return new ClusterProbe(bootstrapServers, applicationId, topics());
        }
    }

    /** How long a subcommand waits for its condition before it gives up. */
    static final class Deadline {
        @Option(names = "--timeout", defaultValue = "180", paramLabel = "SECONDS", description = "Longest wait (default: ${DEFAULT-VALUE}).")
        long seconds;

        Duration timeout() {
            return Duration.ofSeconds(seconds);
        }
    }

    /** The run folder of deploy/local/chaos.sh, where the recorded truth and the fault log live. */
    static final class RunFolder {
        @Option(names = "--run-dir", required = true, paramLabel = "DIR")
        Path dir;

        RunFiles files() {
            return new RunFiles(dir);
        }
    }

    /** The schema registry the run's records are written and read through. */
    static final class Registry {
        @Option(names = "--schema-registry-url", required = true, paramLabel = "URL")
        String url;

        AvroSerde<SpecificRecord> anyRecordSerde() {
            return AvroSerde.anyRecord(SchemaRegistries.connect(url, Map.of()), false);
        }
    }

    @Command(name = "await-brokers", mixinStandardHelpOptions = true,
            description = "Waits until the cluster has --count brokers registered.")
    static final class AwaitBrokers implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Option(names = "--count", required = true)
        int count;

        @Override
        public Integer call() throws InterruptedException {
            try (ClusterProbe probe = target.probe()) {
                return awaitAndReport(spec, target.timeout(), () -> ClusterProbe.get(probe.admin().describeCluster().nodes()).size() >= count,
                        count + " brokers registered",
                        () -> "chaos await-brokers: fewer than " + count + " brokers after " + target.deadline.seconds + " s");
            }
        }
    }

    @Command(name = "produce", mixinStandardHelpOptions = true,
            description = "Produces the simulated stream at a steady pace until SIGTERM, recording every acknowledged event "
                    + "and injecting poison records every --poison-every events.")
    static final class Produce implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Mixin
        Registry registry;
        @Mixin
        RunFolder runFolder;
        @Option(names = "--events-per-second", defaultValue = "100", paramLabel = "N")
        double eventsPerSecond;
        @Option(names = "--poison-every", defaultValue = "500", paramLabel = "N")
        int poisonEvery;
        @Option(names = "--seed", paramLabel = "S")
        Long seed;

        @Override
        public Integer call() throws Exception {
            long runSeed = seed == null ? System.currentTimeMillis() : seed;
            RunFiles files = runFolder.files();
            // Two days back, at one order a second of event time: event time moves about 20x faster than the wall
            // clock at 100 events/s, so the stream stays in the past (and within topic retention) for hours.
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
            SimulationProfile profile = SimulationProfile.DEFAULT.withOrdersPerSecond(1.0)
                    .withFirstOrderNumber(Instant.now().getEpochSecond() % 10_000_000L * 100);
            ChaosProducer producer = new ChaosProducer(target.bootstrapServers, registry.anyRecordSerde(), target.topics(),
                    new Simulator(runSeed, start, profile).arrivals(), eventsPerSecond, poisonEvery, runSeed, files);
            List<String> kpiTopics = new ArrayList<>();
            for (KpiFamily family : KpiFamily.values()) {
                kpiTopics.add(target.topics().kpi(family));
            }
            KpiArrivals arrivals = new KpiArrivals(target.bootstrapServers, kpiTopics, files.kpiArrivals());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    producer.close();
                    arrivals.close();
                    Files.writeString(files.producerDone(), "acknowledged=" + producer.acknowledged() + " failed=" + producer.failed()
                            + " poison=" + producer.poisoned() + "\n");
                } catch (IOException | InterruptedException e) {
                    System.err.println("chaos produce: " + e);
                } finally {
                    stopped.countDown();
                }
            }, "chaos-produce-shutdown"));
            arrivals.start();
            producer.start();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("chaos: producing %.0f events/s (seed %d), a poison record every %d events%n", eventsPerSecond, runSeed, poisonEvery);
            out.flush();
            stopped.await();
            return 0;
        }
    }

    @Command(name = "leader", mixinStandardHelpOptions = true,
            description = "Prints the node id of the broker leading a random KPI or changelog partition, and the partition.")
    static final class Leader implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            try (ClusterProbe probe = target.probe()) {
                List<Map.Entry<TopicPartition, Integer>> led = probe.leaders(probe.kpiAndChangelogTopics()).entrySet().stream()
                        .filter(e -> e.getValue() >= 0).toList();
                if (led.isEmpty()) {
                    spec.commandLine().getErr().println("chaos leader: no KPI or changelog partition has a leader");
                    return FAILED;
                }
                Map.Entry<TopicPartition, Integer> chosen = led.get(new Random().nextInt(led.size()));
                spec.commandLine().getOut().println(chosen.getValue() + " " + chosen.getKey());
                return 0;
            }
        }
    }

    @Command(name = "coordinator", mixinStandardHelpOptions = true,
            description = "Prints the node id of the broker coordinating the application's group.")
    static final class Coordinator implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            try (ClusterProbe probe = target.probe()) {
                spec.commandLine().getOut().println(probe.groupCoordinator());
                return 0;
            }
        }
    }

    @Command(name = "await-ready", mixinStandardHelpOptions = true,
            description = "Waits until every instance's /health/ready answers 200.")
    static final class AwaitReady implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--ports", required = true, split = ",", paramLabel = "PORT")
        List<Integer> ports;
        @Mixin
        Deadline deadline;

        @Override
        public Integer call() throws InterruptedException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            return awaitAndReport(spec, deadline.timeout(), () -> ports.stream().allMatch(port -> {
                try {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                            .timeout(Duration.ofSeconds(3)).build();
                    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }), "instances ready",
                    () -> "chaos await-ready: instances on ports " + ports + " not all ready within " + deadline.seconds + " s");
        }
    }

    @Command(name = "recovered", mixinStandardHelpOptions = true,
            description = "After a fault: waits until every partition is fully replicated again and the application has "
                    + "committed past every input record produced until now; logs the recovery time. Exits 3 when the group "
                    + "coordinator has served committed offsets below those of the previous check for 20 s.")
    static final class Recovered implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Mixin
        RunFolder runFolder;
        @Option(names = "--kind", required = true)
        String kind;
        @Option(names = "--fault-target", required = true)
        String faultTarget;
        @Option(names = "--fault-at", required = true, paramLabel = "EPOCH_MS")
        long faultAt;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            try (ClusterProbe probe = target.probe()) {
                List<String> underReplicated = new ArrayList<>();
                boolean replicated = ClusterProbe.await(target.timeout(), () -> {
                    underReplicated.clear();
                    underReplicated.addAll(probe.underReplicated());
                    return underReplicated.isEmpty();
                });
                if (!replicated) {
                    err.println("chaos recovered: partitions still under-replicated: " + underReplicated);
                    return FAILED;
                }
                Map<TopicPartition, Long> ends = probe.inputEnds();
                RunFiles files = runFolder.files();
                StaleOffsetsWatch staleOffsets = new StaleOffsetsWatch(CommittedFloor.read(files.committedFloor()), STALE_OFFSETS_GRACE);
                AtomicLong behind = new AtomicLong(-1);
                AtomicBoolean stale = new AtomicBoolean();
                boolean caughtUp = ClusterProbe.await(target.timeout(), () -> {
                    Map<TopicPartition, Long> committed = probe.committed();
                    behind.set(ClusterProbe.behind(ends, committed));
                    stale.set(staleOffsets.observe(committed, System.currentTimeMillis()));
                    return behind.get() == 0 || stale.get();
                });
                if (stale.get()) {
                    err.println("chaos recovered: after " + kind + " of " + faultTarget + " the group coordinator has reported, for "
                            + STALE_OFFSETS_GRACE.toSeconds() + " s, committed offsets below those the group had committed at the "
                            + "previous check: " + staleOffsets.below() + ". Committed offsets never go back: the coordinator "
                            + "serves a stale view after its failover (a Kafka broker defect; restarting the broker that "
                            + "coordinates the group reloads it), and the application cannot resume its tasks meanwhile.");
                    return STALE_COORDINATOR;
                }
                long now = System.currentTimeMillis();
                if (!caughtUp) {
                    err.println("chaos recovered: after " + kind + " of " + faultTarget + " the application is still "
                            + behind.get() + " input records behind after " + target.deadline.seconds + " s: "
                            + probe.behindPartitions(ends));
                    return FAILED;
                }
                CommittedFloor.write(files.committedFloor(), ends);
                Files.writeString(files.recovery(), kind + "\t" + faultTarget + "\t" + faultAt + "\t" + now + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                spec.commandLine().getOut().printf("chaos: %s of %s: caught up %.1f s after the fault%n", kind, faultTarget, (now - faultAt) / 1e3);
                return 0;
            }
        }
    }

    @Command(name = "drained", mixinStandardHelpOptions = true,
            description = "Waits until the application's consumer lag is 0 on every partition it reads.")
    static final class Drained implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            try (ClusterProbe probe = target.probe()) {
                AtomicLong lag = new AtomicLong(-1);
                return awaitAndReport(spec, target.timeout(), () -> {
                    lag.set(probe.lag());
                    return lag.get() == 0;
                }, "consumer lag 0", () -> "chaos drained: consumer lag still " + lag.get() + " after " + target.deadline.seconds + " s");
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Compares the KPI and order-status topics (read_committed) with the replay of every recorded event, "
                    + "checks for hanging transactions and the dead-letter count; prints the run's summary line.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Mixin
        Registry registry;
        @Mixin
        RunFolder runFolder;
        @Option(names = "--mode", defaultValue = "exactly_once_v2")
        String mode;
        @Option(names = "--cycles", defaultValue = "0")
        int cycles;
        @Option(names = "--instance-kills", defaultValue = "0")
        int instanceKills;
        @Option(names = "--broker-kills", defaultValue = "0")
        int brokerKills;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RunFiles files = runFolder.files();
            if (!Files.exists(files.producerDone())) {
                spec.commandLine().getErr().println("chaos verify: the producer has not finished (no " + files.producerDone() + ")");
                return FAILED;
            }
            Settings settings = Settings.load(null, System.getenv(), Map.of(Setting.TOPIC_PREFIX, target.topicPrefix), Map.of());
            Verification.Outcome outcome;
            try (ClusterProbe probe = target.probe()) {
                outcome = new Verification(probe, target.bootstrapServers, settings.topologySettings(),
                        registry.anyRecordSerde().deserializer(), files)
                        .verify(target.timeout());
            }
            outcome.mismatches().stream().limit(20).forEach(m -> out.println("chaos: mismatch: " + m));
            if (outcome.mismatches().size() > 20) {
                out.println("chaos: ... and " + (outcome.mismatches().size() - 20) + " more mismatches");
            }
            outcome.hanging().forEach(h -> out.println("chaos: hanging: " + h));
            outcome.notes().forEach(n -> out.println("chaos: note: " + n));
            RecoveryReport.lines(files).forEach(out::println);
            out.println("chaos: producer " + Files.readString(files.producerDone()).trim());
            out.printf("chaos: mode=%s cycles=%d events=%d instance-kills=%d broker-kills=%d mismatches=%d dlq=%d/%d hanging=%d%n",
                    mode, cycles, outcome.events(), instanceKills, brokerKills, outcome.mismatches().size(),
                    outcome.deadLetters(), outcome.expectedDeadLetters(), outcome.hanging().size());
            out.flush();
            boolean passed = outcome.mismatches().isEmpty() && outcome.hanging().isEmpty() && outcome.deadLettersExact()
                    && outcome.notes().stream().noneMatch(n -> n.contains("not acknowledged"));
            return passed ? 0 : FAILED;
        }
    }
}
