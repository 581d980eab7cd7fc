package com.o2cpulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void valuesBelowAThousandAreExact() {
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(999)).isEqualTo(999);
    }

    @Test
    void largerValuesRoundUpToThreeSignificantDigits() {
        assertThat(LatencyHistogram.bucketOf(1000)).isEqualTo(1000);
        assertThat(LatencyHistogram.bucketOf(1234)).isEqualTo(1240);
        assertThat(LatencyHistogram.bucketOf(1240)).isEqualTo(1240);
        assertThat(LatencyHistogram.bucketOf(99_950)).isEqualTo(100_000);
        assertThat(LatencyHistogram.bucketOf(100_001)).isEqualTo(101_000);
        assertThat(LatencyHistogram.bucketOf(86_400)).isEqualTo(86_400);
    }

    @Test
    void bucketsNeverUnderstateAndStayWithinOnePercent() {
        for (long seconds = 0; seconds < 3_000_000; seconds += 7) {
            long bucket = LatencyHistogram.bucketOf(seconds);
            assertThat(bucket).isGreaterThanOrEqualTo(seconds);
            assertThat(bucket - seconds).isLessThanOrEqualTo(Math.max(0, seconds / 100));
        }
    }

    @Test
    void negativeLatencyIsRejected() {
        assertThatThrownBy(() -> LatencyHistogram.bucketOf(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesAreNearestRankOverBucketValues() {
        SortedMap<Long, Long> histogram = new TreeMap<>();
        for (long v = 1; v <= 10; v++) {
            histogram.put(v * 10, 1L);
        }
        assertThat(LatencyHistogram.percentile(histogram, 50)).isEqualTo(50);
        assertThat(LatencyHistogram.percentile(histogram, 90)).isEqualTo(90);
        assertThat(LatencyHistogram.percentile(histogram, 99)).isEqualTo(100);
        assertThat(LatencyHistogram.percentile(new TreeMap<>(java.util.Map.of(7L, 1L)), 50)).isEqualTo(7);
    }

    @Test
    void percentileOfAnEmptyHistogramIsNull() {
        assertThat(LatencyHistogram.percentile(new TreeMap<>(), 50)).isNull();
    }
}
