package com.o2cpulse.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.avro.specific.SpecificRecord;

/**
 * A seeded generator of realistic order-to-cash input events: the same seed, start and profile always give the
 * same events in the same arrival order. Each call starts the simulation afresh.
 */
public final class Simulator {

    private final long seed;
    private final Instant start;
    private final SimulationProfile profile;

    public Simulator(long seed, Instant start) {
        this(seed, start, SimulationProfile.DEFAULT);
    }

    public Simulator(long seed, Instant start, SimulationProfile profile) {
        this.seed = seed;
        this.start = Objects.requireNonNull(start, "start");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** The events of the given number of orders (orphaned ones included), in arrival order, to their last one. */
    public List<SpecificRecord> generate(int orders) {
        List<SpecificRecord> events = new ArrayList<>();
        arrivals(orders).forEachRemaining(arrival -> events.add(arrival.event()));
        return events;
    }

    /** The arrivals of the given number of orders, lazily, in arrival order. */
    public SimulatedArrivals arrivals(long orders) {
        if (orders < 0) {
            throw new IllegalArgumentException("orders must not be negative, was " + orders);
        }
        return new SimulatedArrivals(profile, new MasterData(seed), new Dice(seed), start, orders);
    }

    /** An endless stream of arrivals whose times advance from the start at the profile's order rate. */
    public SimulatedArrivals arrivals() {
        return new SimulatedArrivals(profile, new MasterData(seed), new Dice(seed), start, Long.MAX_VALUE);
    }

    /** The events of {@link #arrivals()}, endless: limit it. */
    public Stream<SpecificRecord> stream() {
        Spliterator<Arrival> arrivals = Spliterators.spliteratorUnknownSize(arrivals(), Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(arrivals, false).map(Arrival::event);
    }
}
