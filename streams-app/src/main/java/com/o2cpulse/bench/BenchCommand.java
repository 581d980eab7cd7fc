package com.o2cpulse.bench;

import com.o2cpulse.config.Directories;
import com.o2cpulse.embedded.EmbeddedKafkaBroker;
import com.o2cpulse.serde.SchemaRegistryServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: o2c-pulse against two baselines measured in the same process, on the same broker and input:
 * (a) a transactional consume → decode → encode → produce loop, (b) a minimal exactly-once Kafka Streams lifecycle
 * join, (c) o2c-pulse. Then, for o2c-pulse, state size, restore rate and latency under a paced load. Machines are
 * noisy: compare the ratios of one run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures o2c-pulse's throughput against a transactional copy loop and a minimal Kafka Streams "
                + "lifecycle join over the same simulated input, then its state size, restore rate and event-to-KPI latency.")
public final class BenchCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private InputSize inputSize;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the input topics (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--processing-guarantee", defaultValue = "exactly_once_v2",
            description = "Guarantee of the two Streams contestants (default: ${DEFAULT-VALUE}).")
    private String guarantee;

    @Option(names = "--stream-threads", defaultValue = "1",
            description = "Stream threads of each Streams contestant, the same for both (default: ${DEFAULT-VALUE}, as an instance runs unless KAFKA_NUM_STREAM_THREADS says otherwise).")
    private int streamThreads;

    @Option(names = "--bootstrap-servers", description = "Use this cluster instead of an embedded broker.")
    private String bootstrapServers;

    @Option(names = "--paced-seconds", defaultValue = "30", description = "Length of the latency run (default: ${DEFAULT-VALUE}).")
    private int pacedSeconds;

    @Option(names = "--paced-load", defaultValue = "0.7",
            description = "Rate of the latency run, as a share of o2c-pulse's measured throughput (default: ${DEFAULT-VALUE}).")
    private double pacedLoad;

    @Option(names = "--timeout-minutes", defaultValue = "60", description = "Longest a contestant may take (default: ${DEFAULT-VALUE}).")
    private int timeoutMinutes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int orders;
        try {
            orders = InputSize.orders(inputSize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path dir = Files.createTempDirectory("o2c-bench");
        EmbeddedKafkaBroker broker = null;
        try (SchemaRegistryServer registry = SchemaRegistryServer.start("127.0.0.1", 0)) {
            String bootstrap = bootstrapServers;
            if (bootstrap == null) {
                broker = new EmbeddedKafkaBroker(dir.resolve("broker"), 0).start();
                bootstrap = broker.bootstrapServers();
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                new BenchRun(out, admin, bootstrap, registry, dir, orders,
                        new BenchRun.Options(partitions, guarantee, streamThreads, pacedSeconds, pacedLoad, Duration.ofMinutes(timeoutMinutes))).execute();
            }
            return 0;
        } finally {
            if (broker != null) {
                broker.close();
            }
            try {
                Directories.delete(dir);
            } catch (RuntimeException e) {
                LOG.warn("could not remove {}: {}", dir, e.getMessage());
            }
        }
    }
}
