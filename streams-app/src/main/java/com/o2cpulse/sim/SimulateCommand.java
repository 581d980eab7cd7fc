package com.o2cpulse.sim;

import com.o2cpulse.config.Durations;
import com.o2cpulse.serde.AvroSerde;
import com.o2cpulse.serde.SchemaRegistries;
import com.o2cpulse.serde.SchemaRegistryClient;
import com.o2cpulse.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code simulate}: writes a replay file of realistic order-to-cash events for a number of orders, or with
 * {@code --live} produces the stream to a Kafka cluster through the Avro serde and schema registry.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Writes a replay file (JSON lines, arrival order) of simulated order-to-cash events: "
                + "a busy mid-size distributor with split and partial fulfilment, late invoices, "
                + "out-of-order arrivals, redeliveries and occasional reconciliation anomalies. "
                + "With --live it produces the stream to Kafka in pace with the clock instead.")
public final class SimulateCommand implements Callable<Integer> {

    static final int EXIT_USAGE = 2;
    private static final int EXIT_IO_FAILURE = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--orders", paramLabel = "N",
            description = "Number of orders to simulate, orphaned ones included (required without --live).")
    private Integer orders;

    @Option(names = "--days", paramLabel = "D",
            description = "Instead of --orders: D days of orders at a constant daily volume (--orders-per-second x 86,400 a day).")
    private Integer days;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed: the same seed and start give the same file (default: the current time, printed at the end).")
    private Long seed;

    @Option(names = "--output", paramLabel = "FILE", description = "Replay file to write (required without --live).")
    private Path output;

    @Option(names = "--live", description = "Produce to Kafka in pace with the clock instead of writing a file.")
    private boolean live;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka cluster (with --live).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema Registry (with --live).")
    private String schemaRegistryUrl;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "o2c.", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    private String topicPrefix;

    @Option(names = "--rate", paramLabel = "ORDERS_PER_SECOND",
            description = "With --live: orders per second of event time (default 0.1, or --orders-per-second).")
    private Double rate;

    @Option(names = "--history", paramLabel = "DURATION", defaultValue = "0s",
            description = "With --live: start this far in the past and catch up --speed times faster (default: ${DEFAULT-VALUE}).")
    private String history;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "60", description = "With --live: catch-up speed (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--duration", paramLabel = "DURATION", description = "With --live: stop after this long (default: run until stopped).")
    private String duration;

    @Option(names = "--start", paramLabel = "INSTANT", defaultValue = "2026-11-20T08:00:00Z",
            converter = IsoInstant.class,
            description = "Event time of the first order, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Instant start;

    @Option(names = "--orders-per-second", paramLabel = "RATE",
            description = "Order rate in event time (default: 0.1, about 8,600 orders a day).")
    private Double ordersPerSecond;

    @Override
    public Integer call() throws InterruptedException {
        if (live) {
            return runLive();
        }
        if (days != null) {
            if (orders != null || days < 1) {
                err().println("simulate: --days needs a positive number of days and excludes --orders");
                return EXIT_USAGE;
            }
            orders = Math.toIntExact(Math.round(days * 86_400.0 * profile().ordersPerSecond()));
        }
        String unusable = unusableArgument();
        if (unusable != null) {
            err().println("simulate: " + unusable);
            return EXIT_USAGE;
        }
        long runSeed = seed == null ? System.currentTimeMillis() : seed;
        Simulator simulator = new Simulator(runSeed, start, profile());
        long events = 0;
        try (EventSink sink = new ReplayFileSink(output)) {
            for (Iterator<Arrival> arrivals = simulator.arrivals(orders); arrivals.hasNext(); events++) {
                sink.accept(arrivals.next());
            }
        } catch (IOException e) {
            err().println("simulate: cannot write " + output + ": " + e.getMessage());
            return EXIT_IO_FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        // The seed is printed so that a run without --seed can be repeated exactly.
        out.println("simulated " + orders + " orders (seed " + runSeed + "): " + events + " events written to " + output);
        out.flush();
        return 0;
    }

    private int runLive() throws InterruptedException {
        if (bootstrapServers == null || schemaRegistryUrl == null) {
            err().println("simulate: --live needs --bootstrap-servers and --schema-registry-url");
            return EXIT_USAGE;
        }
        Duration historyDuration;
        Duration runDuration;
        try {
            historyDuration = Durations.parse(history);
            runDuration = duration == null ? null : Durations.parse(duration);
        } catch (IllegalArgumentException e) {
            err().println("simulate: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (!(speed >= 1)) {
            err().println("simulate: --speed must be at least 1, was " + speed);
            return EXIT_USAGE;
        }
        double ordersRate = rate != null ? rate : ordersPerSecond != null ? ordersPerSecond : SimulationProfile.DEFAULT.ordersPerSecond();
        Instant now = Instant.now();
        Instant simulationStart = now.minus(historyDuration);
        long runSeed = seed == null ? now.toEpochMilli() : seed;
        SimulationProfile liveProfile = SimulationProfile.DEFAULT.withOrdersPerSecond(ordersRate)
                .withFirstOrderNumber(now.getEpochSecond() % 10_000_000L * 100);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        SchemaRegistryClient registry = SchemaRegistries.connect(schemaRegistryUrl, Map.of());
        KafkaProducer<byte[], SpecificRecord> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(),
                        AvroSerde.anyRecord(registry, false).serializer());
        LiveFeed feed = new LiveFeed(producer, new Topics(topicPrefix),
                new Simulator(runSeed, simulationStart, liveProfile).arrivals(), simulationStart, speed, runDuration,
                acknowledged -> { });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                feed.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulate-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("simulate: producing to " + bootstrapServers + " (" + ordersRate + " orders/s of event time)");
        out.flush();
        feed.start().awaitEnd();
        feed.close();
        out.println("simulate: produced " + feed.produced() + " events");
        out.flush();
        return 0;
    }

    private String unusableArgument() {
        if (orders == null || output == null) {
            return "--orders and --output are required (or use --live)";
        }
        if (orders < 1) {
            return "--orders must be at least 1, was " + orders;
        }
        if (ordersPerSecond != null && !(ordersPerSecond > 0 && ordersPerSecond < Double.POSITIVE_INFINITY)) {
            return "--orders-per-second must be a positive number, was " + ordersPerSecond;
        }
        if (Files.isDirectory(output)) {
            return "--output " + output + " is a directory, not a file";
        }
        Path folder = output.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            return "--output folder " + folder + " does not exist";
        }
        return null;
    }

    private SimulationProfile profile() {
        return ordersPerSecond == null
                ? SimulationProfile.DEFAULT
                : SimulationProfile.DEFAULT.withOrdersPerSecond(ordersPerSecond);
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Says what an instant should look like instead of echoing a parser exception. */
    static final class IsoInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant such as 2026-11-20T08:00:00Z");
            }
        }
    }
}
