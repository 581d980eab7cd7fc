package com.o2cpulse.bench;

import java.util.Arrays;

/**
 * Percentiles of measured latencies, nearest-rank (the smallest value with at least p of the measurements at or
 * below it, so a p99 is a value that was actually observed). A measurement that never completed counts as
 * {@link #UNSEEN}, larger than any other: leaving it out would flatter the tail.
 *
 * @param count  measurements
 * @param unseen of which never completed
 * @param p50    median in ms, or {@link #UNSEEN}
 * @param p99    in ms, or {@link #UNSEEN}
 * @param max    in ms, or {@link #UNSEEN}
 */
record LatencySummary(int count, int unseen, long p50, long p99, long max) {

    static final long UNSEEN = Long.MAX_VALUE;

    static LatencySummary of(long[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("no latencies measured");
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        int unseen = (int) Arrays.stream(sorted).filter(m -> m == UNSEEN).count();
        return new LatencySummary(sorted.length, unseen, nearestRank(sorted, 0.50), nearestRank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** @param sorted ascending, not empty; @param p in (0, 1] */
    static long nearestRank(long[] sorted, double p) {
        if (sorted.length == 0 || !(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("need values and 0 < p <= 1, was " + sorted.length + " values, p=" + p);
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    static String format(long millis) {
        return millis == UNSEEN ? "unseen" : millis + "ms";
    }
}
