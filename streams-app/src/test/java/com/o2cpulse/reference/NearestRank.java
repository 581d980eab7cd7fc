package com.o2cpulse.reference;

import java.util.Map;
import java.util.SortedMap;

/** Release 0.1's nearest-rank percentile over a sorted histogram, for tests that recompute published percentiles. */
public final class NearestRank {

    private NearestRank() {
    }

    /** The smallest value whose cumulative count reaches ceil(p/100 × n); null for an empty histogram. */
    public static Long percentile(SortedMap<Long, Long> histogram, int percent) {
        long n = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, -Math.floorDiv(-percent * n, 100L));
        long cumulative = 0;
        for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
            cumulative += bucket.getValue();
            if (cumulative >= rank) {
                return bucket.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + n + " values");
    }
}
