package com.o2cpulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        LatencyHistogram histogram = LatencyHistogram.EMPTY;
        for (long v = 1; v <= 10; v++) {
            histogram = histogram.plus(LatencyHistogram.of(v * 10));
        }
        assertThat(histogram.percentiles(50, 90, 99)).containsExactly(50L, 90L, 100L);
        assertThat(LatencyHistogram.of(7).percentiles(50)).containsExactly(7L);
    }

    @Test
    void percentileOfAnEmptyHistogramIsNull() {
        assertThat(LatencyHistogram.EMPTY.percentiles(50)).containsExactly((Long) null);
    }

    @Test
    void sumsMergeBucketsAndDropThoseThatReturnToZero() {
        LatencyHistogram a = LatencyHistogram.of(new long[] {5, 20, 1240}, new long[] {1, 2, 3});
        LatencyHistogram b = LatencyHistogram.of(new long[] {7, 20}, new long[] {4, -2});
        assertThat(a.plus(b)).isEqualTo(LatencyHistogram.of(new long[] {5, 7, 1240}, new long[] {1, 4, 3}));
        assertThat(a.plus(a.negate())).isEqualTo(LatencyHistogram.EMPTY);
        assertThat(a.plus(a.negate()).isEmpty()).isTrue();
    }

    @Test
    void bucketsOutOfOrderAreRejected() {
        assertThatThrownBy(() -> LatencyHistogram.of(new long[] {20, 5}, new long[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
