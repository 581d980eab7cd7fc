package com.o2cpulse.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Throughput over the steady part of a run: between the first sample at or past {@link #FROM} of the input and the
 * first at or past {@link #TO}, so that start-up, group join, restoration and the tail are left out. Both ends are
 * taken at samples, not interpolated: progress moves in commit-sized steps, and a step-to-step ratio is exact
 * where an interpolated threshold would be off by up to a commit interval at each end.
 *
 * @param eventsPerSecond events processed in the window per second
 * @param events          events processed in the window
 * @param window          its length
 * @param samples         samples inside it, ends included
 */
record SteadyRate(double eventsPerSecond, long events, Duration window, int samples) {

    static final double FROM = 0.10;
    static final double TO = 0.90;

    /** Empty when the run was too short for two distinct samples between the two fractions. */
    static Optional<SteadyRate> of(List<ProgressSample> samples, long total) {
        return of(samples, total, FROM, TO);
    }

    static Optional<SteadyRate> of(List<ProgressSample> samples, long total, double from, double to) {
        if (total <= 0 || !(from < to)) {
            throw new IllegalArgumentException("need a positive total and from < to, was " + total + ", " + from + ", " + to);
        }
        int start = firstAtOrPast(samples, from * total, 0);
        if (start < 0) {
            return Optional.empty();
        }
        int end = firstAtOrPast(samples, to * total, start);
        if (end <= start) {
            return Optional.empty();
        }
        ProgressSample first = samples.get(start);
        ProgressSample last = samples.get(end);
        long events = last.progress() - first.progress();
        long nanos = last.nanos() - first.nanos();
        if (events <= 0 || nanos <= 0) {
            return Optional.empty();
        }
        return Optional.of(new SteadyRate(events / (nanos / 1e9), events, Duration.ofNanos(nanos), end - start + 1));
    }

    private static int firstAtOrPast(List<ProgressSample> samples, double threshold, int fromIndex) {
        for (int i = fromIndex; i < samples.size(); i++) {
            if (samples.get(i).progress() >= threshold) {
                return i;
            }
        }
        return -1;
    }
}
