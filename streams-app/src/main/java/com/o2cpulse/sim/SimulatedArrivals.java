package com.o2cpulse.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Events of successive orders in arrival order. Orders are placed as a Poisson process at the profile's rate;
 * each order's whole lifecycle is simulated when it is placed and its events wait here until nothing generated
 * later can arrive before them. Memory is therefore bounded by the events in flight (rate times the lifecycle
 * span, about 30,000 events at the default rate), not by how many were pulled.
 */
public final class SimulatedArrivals implements Iterator<Arrival> {

    /** Ordered by arrival, then by generation order, so that equal arrival times keep a deterministic order. */
    private record Pending(long arrivalMillis, long sequence, Arrival arrival) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byArrival = Long.compare(arrivalMillis, other.arrivalMillis);
            return byArrival != 0 ? byArrival : Long.compare(sequence, other.sequence);
        }
    }

    private final SimulatedOrderLifecycle lifecycle;
    private final Delivery delivery;
    private final Dice dice;
    private final double meanGapMillis;
    private final long lastOrderNumber;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private long nextOrderNumber;
    private Instant nextPlacement;
    private long sequence;
    private long ordersPlaced;

    SimulatedArrivals(SimulationProfile profile, MasterData masterData, Dice dice, Instant start, long orders) {
        this.lifecycle = new SimulatedOrderLifecycle(profile, masterData);
        this.delivery = new Delivery(profile);
        this.dice = dice;
        this.meanGapMillis = 1000.0 / profile.ordersPerSecond();
        this.nextOrderNumber = profile.firstOrderNumber();
        this.lastOrderNumber = orders == Long.MAX_VALUE ? Long.MAX_VALUE : profile.firstOrderNumber() + orders - 1;
        this.nextPlacement = start;
    }

    @Override
    public boolean hasNext() {
        simulateUntilHeadIsFinal();
        return !pending.isEmpty();
    }

    @Override
    public Arrival next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all simulated orders have been delivered");
        }
        return pending.poll().arrival();
    }

    /** Events waiting for their arrival time; stays bounded however long the stream runs. */
    public int pendingEvents() {
        return pending.size();
    }

    /** Orders placed so far, orphans included. */
    public long ordersPlaced() {
        return ordersPlaced;
    }

    /** Every event of an order arrives at or after its placement, so the head is final once it precedes the next. */
    private void simulateUntilHeadIsFinal() {
        while (nextOrderNumber <= lastOrderNumber
                && (pending.isEmpty() || !pending.peek().arrival().arrivalTime().isBefore(nextPlacement))) {
            Dice orderDice = dice.split();
            SimulatedOrder order = lifecycle.simulate(nextOrderNumber, nextPlacement, orderDice);
            for (Arrival arrival : delivery.arrivals(order, orderDice)) {
                pending.add(new Pending(arrival.arrivalTime().toEpochMilli(), sequence++, arrival));
            }
            nextOrderNumber++;
            ordersPlaced++;
            nextPlacement = nextPlacement.plus(Duration.ofMillis(Math.round(dice.exponential(meanGapMillis))));
        }
    }
}
