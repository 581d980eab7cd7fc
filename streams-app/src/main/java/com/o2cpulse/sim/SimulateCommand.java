package com.o2cpulse.sim;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code simulate}: writes a replay file of realistic order-to-cash events for a number of orders. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Writes a replay file (JSON lines, arrival order) of simulated order-to-cash events: "
                + "a busy mid-size distributor with split and partial fulfilment, late invoices, "
                + "out-of-order arrivals, redeliveries and occasional reconciliation anomalies.")
public final class SimulateCommand implements Callable<Integer> {

    static final int EXIT_USAGE = 2;
    private static final int EXIT_IO_FAILURE = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--orders", required = true, paramLabel = "N",
            description = "Number of orders to simulate, orphaned ones included.")
    private int orders;

    @Option(names = "--seed", required = true, paramLabel = "S",
            description = "Seed: the same seed and start give the same file.")
    private long seed;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Replay file to write.")
    private Path output;

    @Option(names = "--start", paramLabel = "INSTANT", defaultValue = "2026-11-20T08:00:00Z",
            converter = IsoInstant.class,
            description = "Event time of the first order, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Instant start;

    @Option(names = "--orders-per-second", paramLabel = "RATE",
            description = "Order rate in event time (default: 0.1, about 8,600 orders a day).")
    private Double ordersPerSecond;

    @Override
    public Integer call() {
        String unusable = unusableArgument();
        if (unusable != null) {
            err().println("simulate: " + unusable);
            return EXIT_USAGE;
        }
        Simulator simulator = new Simulator(seed, start, profile());
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
        out.println("simulated " + orders + " orders: " + events + " events written to " + output);
        out.flush();
        return 0;
    }

    private String unusableArgument() {
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
