package com.o2cpulse.kpi;

import java.util.Arrays;

/**
 * The invoice-latency histogram: values rounded up to 3 significant digits, counted per bucket, with nearest-rank
 * percentiles. Immutable sorted arrays (a key holds up to ~2,700 buckets): adding two is one merge, and zero
 * counts are dropped so that equal histograms are equal.
 */
public final class LatencyHistogram {

    public static final LatencyHistogram EMPTY = new LatencyHistogram(new long[0], new long[0]);

    private final long[] buckets;
    private final long[] counts;

    private LatencyHistogram(long[] buckets, long[] counts) {
        this.buckets = buckets;
        this.counts = counts;
    }

    /** One latency, in its bucket. */
    public static LatencyHistogram of(long seconds) {
        return new LatencyHistogram(new long[] {bucketOf(seconds)}, new long[] {1});
    }

    /**
     * A histogram from bucket values in strictly ascending order and their counts; zero counts are dropped.
     *
     * @throws IllegalArgumentException when the buckets are not strictly ascending
     */
    public static LatencyHistogram of(long[] buckets, long[] counts) {
        if (buckets.length != counts.length) {
            throw new IllegalArgumentException(buckets.length + " buckets but " + counts.length + " counts");
        }
        for (int i = 1; i < buckets.length; i++) {
            if (buckets[i] <= buckets[i - 1]) {
                throw new IllegalArgumentException("histogram buckets not ascending at " + buckets[i]);
            }
        }
        return withoutZeros(buckets.clone(), counts.clone(), buckets.length);
    }

    /** 0–999 stay exact; above, round up at the third significant digit (1234 → 1240, 99 950 → 100 000). */
    public static long bucketOf(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("negative latency " + seconds);
        }
        long unit = 1;
        while (seconds / unit >= 1000) {
            unit *= 10;
        }
        return ceilDiv(seconds, unit) * unit;
    }

    public int size() {
        return buckets.length;
    }

    public boolean isEmpty() {
        return buckets.length == 0;
    }

    public long bucket(int index) {
        return buckets[index];
    }

    public long count(int index) {
        return counts[index];
    }

    public LatencyHistogram plus(LatencyHistogram other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        long[] b = new long[buckets.length + other.buckets.length];
        long[] c = new long[b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < buckets.length || j < other.buckets.length) {
            if (j == other.buckets.length || (i < buckets.length && buckets[i] < other.buckets[j])) {
                b[n] = buckets[i];
                c[n++] = counts[i++];
            } else if (i == buckets.length || other.buckets[j] < buckets[i]) {
                b[n] = other.buckets[j];
                c[n++] = other.counts[j++];
            } else {
                b[n] = buckets[i];
                c[n++] = Math.addExact(counts[i++], other.counts[j++]);
            }
        }
        return withoutZeros(b, c, n);
    }

    public LatencyHistogram negate() {
        long[] c = new long[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.negateExact(counts[i]);
        }
        return new LatencyHistogram(buckets, c);
    }

    /**
     * Nearest rank over the bucketed values, for each percentile in one pass: the smallest value whose cumulative
     * count reaches ceil(p/100 × n). Null entries when the histogram counts nothing.
     *
     * @param percents ascending
     */
    public Long[] percentiles(int... percents) {
        Long[] result = new Long[percents.length];
        long n = 0;
        for (long count : counts) {
            n = Math.addExact(n, count);
        }
        if (n <= 0) {
            return result;
        }
        long cumulative = 0;
        int next = 0;
        for (int i = 0; i < buckets.length && next < percents.length; i++) {
            cumulative += counts[i];
            while (next < percents.length && cumulative >= rank(percents[next], n)) {
                result[next++] = buckets[i];
            }
        }
        if (next < percents.length) {
            throw new IllegalStateException("rank " + rank(percents[next], n) + " beyond " + n + " values");
        }
        return result;
    }

    private static long rank(int percent, long n) {
        return Math.max(1, ceilDiv(Math.multiplyExact(percent, n), 100L));
    }

    private static LatencyHistogram withoutZeros(long[] b, long[] c, int n) {
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (c[i] != 0) {
                b[kept] = b[i];
                c[kept++] = c[i];
            }
        }
        return kept == b.length ? new LatencyHistogram(b, c) : new LatencyHistogram(Arrays.copyOf(b, kept), Arrays.copyOf(c, kept));
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram h && Arrays.equals(buckets, h.buckets) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(buckets) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < buckets.length; i++) {
            s.append(i == 0 ? "" : ", ").append(buckets[i]).append('=').append(counts[i]);
        }
        return s.append('}').toString();
    }
}
