package com.o2cpulse.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

  @Test
  void bucketsRoundUpToThreeSignificantDigits() {
    assertThat(LatencyBuckets.bucketOf(0)).isEqualTo(0);
    assertThat(LatencyBuckets.bucketOf(7)).isEqualTo(7);
    assertThat(LatencyBuckets.bucketOf(999)).isEqualTo(999);
    assertThat(LatencyBuckets.bucketOf(1000)).isEqualTo(1000);
    assertThat(LatencyBuckets.bucketOf(1001)).isEqualTo(1010);
    assertThat(LatencyBuckets.bucketOf(1234)).isEqualTo(1240);
    assertThat(LatencyBuckets.bucketOf(1240)).isEqualTo(1240);
    assertThat(LatencyBuckets.bucketOf(9991)).isEqualTo(10000);
    assertThat(LatencyBuckets.bucketOf(86_400)).isEqualTo(86_400);
    assertThat(LatencyBuckets.bucketOf(86_401)).isEqualTo(86_500);
    assertThat(LatencyBuckets.bucketOf(99_949)).isEqualTo(100_000);
    assertThat(LatencyBuckets.bucketOf(99_950)).isEqualTo(100_000);
    assertThat(LatencyBuckets.bucketOf(99_900)).isEqualTo(99_900);
    assertThat(LatencyBuckets.bucketOf(12_345_678)).isEqualTo(12_400_000);
  }

  @Test
  void percentilesAreNearestRankOverTheBucketValues() {
    TreeMap<Long, Long> oneToTen = new TreeMap<>();
    for (long v = 1; v <= 10; v++) {
      oneToTen.put(v, 1L);
    }
    assertThat(LatencyBuckets.percentile(oneToTen, 50)).hasValue(5);
    assertThat(LatencyBuckets.percentile(oneToTen, 90)).hasValue(9);
    assertThat(LatencyBuckets.percentile(oneToTen, 99)).hasValue(10);

    TreeMap<Long, Long> single = new TreeMap<>();
    single.put(1240L, 1L);
    assertThat(LatencyBuckets.percentile(single, 50)).hasValue(1240);
    assertThat(LatencyBuckets.percentile(single, 99)).hasValue(1240);

    // 100 values: 98 at 10, 2 at 500 -> p99 is rank 99, which is 500; p90 rank 90 is 10.
    TreeMap<Long, Long> skewed = new TreeMap<>();
    skewed.put(10L, 98L);
    skewed.put(500L, 2L);
    assertThat(LatencyBuckets.percentile(skewed, 90)).hasValue(10);
    assertThat(LatencyBuckets.percentile(skewed, 99)).hasValue(500);

    assertThat(LatencyBuckets.percentile(new TreeMap<>(), 50)).isEqualTo(OptionalLong.empty());
  }
}
