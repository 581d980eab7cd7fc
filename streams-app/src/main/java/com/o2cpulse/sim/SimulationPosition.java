package com.o2cpulse.sim;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the embedded demo's simulation stands: what it simulates (seed, start, first order number, rate) and how
 * many of its arrivals Kafka has acknowledged. Kept in the data directory beside the broker log, so that a restart
 * regenerates the same history and continues it after the last acknowledged arrival instead of simulating a
 * second history on top of the first.
 */
public record SimulationPosition(long seed, Instant start, long firstOrderNumber, double ordersPerSecond, long produced) {

    /** A simulation that starts {@code history} before {@code now}, nothing produced yet. */
    public static SimulationPosition begin(Instant now, Duration history, double ordersPerSecond) {
        // Order numbers from the clock: a fresh demo does not reuse the ids of an earlier one kept elsewhere.
        return new SimulationPosition(now.toEpochMilli(), now.minus(history), now.getEpochSecond() % 10_000_000L * 100,
                ordersPerSecond, 0);
    }

    public SimulationPosition withProduced(long acknowledged) {
        return new SimulationPosition(seed, start, firstOrderNumber, ordersPerSecond, acknowledged);
    }

    public SimulationProfile profile() {
        return SimulationProfile.DEFAULT.withOrdersPerSecond(ordersPerSecond).withFirstOrderNumber(firstOrderNumber);
    }

    /** The simulation's arrivals after the ones already produced, and the simulated time they continue from. */
    public Continuation resume() {
        Iterator<Arrival> arrivals = new Simulator(seed, start, profile()).arrivals();
        Instant clock = start;
        for (long skipped = 0; skipped < produced; skipped++) {
            clock = arrivals.next().arrivalTime();
        }
        return new Continuation(arrivals, clock);
    }

    /** @param clock the simulated time the arrivals continue from: the last produced arrival's, or the start */
    public record Continuation(Iterator<Arrival> arrivals, Instant clock) {
    }

    public static Optional<SimulationPosition> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulation position " + file, e);
        }
        try {
            return Optional.of(new SimulationPosition(Long.parseLong(props.getProperty("seed")),
                    Instant.parse(props.getProperty("start")), Long.parseLong(props.getProperty("first.order.number")),
                    Double.parseDouble(props.getProperty("orders.per.second")), Long.parseLong(props.getProperty("produced"))));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the simulation position " + file + " is damaged (" + e.getMessage()
                    + "): start with --fresh to begin a new simulation", e);
        }
    }

    /** Written to a temporary file first and moved into place, so that a crash leaves the previous position. */
    public void save(Path file) {
        Properties props = new Properties();
        props.setProperty("seed", Long.toString(seed));
        props.setProperty("start", start.toString());
        props.setProperty("first.order.number", Long.toString(firstOrderNumber));
        props.setProperty("orders.per.second", Double.toString(ordersPerSecond));
        props.setProperty("produced", Long.toString(produced));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                props.store(writer, "o2c-pulse embedded simulation: continued at the next start, wiped by run --fresh");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the simulation position " + file, e);
        }
    }
}
