package com.o2cpulse.kpi;

import java.util.Map;
import java.util.SortedMap;

/** The invoice-latency histogram: values rounded up to 3 significant digits, nearest-rank percentiles. */
public final class LatencyHistogram {

    private LatencyHistogram() {
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

    /** Nearest rank over the bucketed values: the smallest value whose cumulative count reaches ceil(p/100 × n). */
    public static Long percentile(SortedMap<Long, Long> histogram, int percent) {
        long n = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, ceilDiv(percent * n, 100L));
        long cumulative = 0;
        for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
            cumulative += bucket.getValue();
            if (cumulative >= rank) {
                return bucket.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + n + " values");
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
