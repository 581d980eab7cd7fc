package com.o2cpulse.sim;

import com.o2cpulse.sim.Dice.Weighted;
import java.time.Duration;
import java.util.List;

/**
 * Sales channels of the simulated distributor and how their orders look: big EDI accounts order many lines in
 * case packs and arrive in translator batches, web and marketplace shoppers order a unit or two of one or two skus.
 */
enum Channel {
    ECOMMERCE(40, 8_001, 30_000, Duration.ofSeconds(20), Duration.ofMinutes(10)),
    EDI(30, 1, 150, Duration.ofMinutes(2), Duration.ofHours(1)),
    MARKETPLACE(15, 30_001, 45_000, Duration.ofSeconds(20), Duration.ofMinutes(10)),
    FIELD_SALES(15, 151, 1_500, Duration.ofMinutes(1), Duration.ofHours(2));

    static final List<Weighted<Channel>> MIX =
            List.of(values()).stream().map(c -> new Weighted<>(c, c.mixWeight)).toList();

    private static final List<Weighted<Integer>> WEB_LINES =
            List.of(new Weighted<>(1, 45), new Weighted<>(2, 30), new Weighted<>(3, 15), new Weighted<>(4, 10));
    private static final List<Weighted<Integer>> WEB_UNITS =
            List.of(new Weighted<>(1, 70), new Weighted<>(2, 20), new Weighted<>(3, 10));
    private static final List<Long> CASE_PACKS = List.of(6L, 12L, 24L);

    private final double mixWeight;
    private final int firstCustomer;
    private final int lastCustomer;
    private final Duration fastestAllocation;
    private final Duration slowestAllocation;

    Channel(double mixWeight, int firstCustomer, int lastCustomer, Duration fastestAllocation,
            Duration slowestAllocation) {
        this.mixWeight = mixWeight;
        this.firstCustomer = firstCustomer;
        this.lastCustomer = lastCustomer;
        this.fastestAllocation = fastestAllocation;
        this.slowestAllocation = slowestAllocation;
    }

    /** Customer numbers are ranges per channel; big accounts (low numbers) order most. */
    int customerNumber(Dice dice) {
        return firstCustomer + dice.popular(lastCustomer - firstCustomer + 1);
    }

    int lineCount(Dice dice) {
        return switch (this) {
            case ECOMMERCE -> dice.weighted(WEB_LINES);
            case MARKETPLACE -> dice.chance(0.75) ? 1 : 2;
            case FIELD_SALES -> dice.between(2, 8);
            case EDI -> dice.between(3, 8);
        };
    }

    long units(Dice dice) {
        return switch (this) {
            case ECOMMERCE -> dice.weighted(WEB_UNITS);
            case MARKETPLACE -> dice.chance(0.85) ? 1 : 2;
            case FIELD_SALES -> 1 + dice.popular(60);
            case EDI -> dice.oneOf(CASE_PACKS) * dice.between(1, 20);
        };
    }

    /** Order entry to warehouse allocation: credit checks and EDI validation take longer than web checkout. */
    Duration allocationDelay(Dice dice) {
        return dice.skewed(fastestAllocation, slowestAllocation);
    }
}
