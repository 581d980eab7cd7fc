package com.o2cpulse.oracle;

import java.util.NavigableMap;
import java.util.OptionalLong;

/** The invoice-latency histogram rules of KPI-SPEC: buckets rounded up to 3 significant digits, nearest-rank percentiles. */
public final class LatencyBuckets {

  private LatencyBuckets() {}

  /** {@code seconds} rounded up to 3 significant digits: 0–999 unchanged, 1234 → 1240, 99950 → 100000. */
  public static long bucketOf(long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("negative latency " + seconds);
    }
    long factor = 1;
    while (seconds / factor >= 1000) {
      factor *= 10;
    }
    long quotient = seconds / factor;
    if (seconds % factor != 0) {
      quotient++;
    }
    return quotient * factor;
  }

  /**
   * The nearest-rank {@code percent}-th percentile of the values a histogram holds (bucket value to count): the value
   * at rank ceil(percent/100 × n) in ascending order; empty when n = 0.
   */
  public static OptionalLong percentile(NavigableMap<Long, Long> histogram, int percent) {
    long n = histogram.values().stream().mapToLong(Long::longValue).sum();
    if (n == 0) {
      return OptionalLong.empty();
    }
    long rank = Math.max(1, (percent * n + 99) / 100);
    long seen = 0;
    for (var bucket : histogram.entrySet()) {
      seen += bucket.getValue();
      if (seen >= rank) {
        return OptionalLong.of(bucket.getKey());
      }
    }
    throw new IllegalStateException("rank " + rank + " beyond " + n);
  }
}
