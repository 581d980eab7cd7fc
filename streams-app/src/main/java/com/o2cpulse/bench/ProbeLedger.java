package com.o2cpulse.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * For each latency probe, when its event was appended to its input topic and when the first KPI record it caused
 * became readable; written from the producer's and the watcher's threads.
 */
final class ProbeLedger {

    private static final long NONE = -1;

    private final AtomicLongArray appendedAt;
    private final AtomicLongArray visibleAt;

    ProbeLedger(int capacity) {
        appendedAt = new AtomicLongArray(capacity);
        visibleAt = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            appendedAt.set(i, NONE);
            visibleAt.set(i, NONE);
        }
    }

    int capacity() {
        return appendedAt.length();
    }

    void appended(int probe, long epochMillis) {
        appendedAt.set(probe, epochMillis);
    }

    /** Only the first KPI record of a probe counts. */
    void visible(int probe, long epochMillis) {
        if (probe < visibleAt.length()) {
            visibleAt.compareAndSet(probe, NONE, epochMillis);
        }
    }

    boolean allVisible(int probes) {
        for (int i = 0; i < probes; i++) {
            if (visibleAt.get(i) == NONE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Latencies in ms of probes {@code from} (inclusive) to {@code to} (exclusive); {@link LatencySummary#UNSEEN}
     * for one never seen (or whose append was never acknowledged). A KPI seen "before" its append (clocks of broker
     * and bench disagreeing by a millisecond) counts as 0.
     */
    long[] latencies(int from, int to) {
        long[] millis = new long[Math.max(0, to - from)];
        for (int i = from; i < to; i++) {
            long appended = appendedAt.get(i);
            long visible = visibleAt.get(i);
            millis[i - from] = appended == NONE || visible == NONE ? LatencySummary.UNSEEN : Math.max(0, visible - appended);
        }
        return millis;
    }
}
