package com.o2cpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void nearestRankPercentilesAreObservedValues() {
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();

        assertThat(LatencySummary.nearestRank(hundred, 0.50)).isEqualTo(50);
        assertThat(LatencySummary.nearestRank(hundred, 0.99)).isEqualTo(99);
        assertThat(LatencySummary.nearestRank(hundred, 1.0)).isEqualTo(100);
        assertThat(LatencySummary.nearestRank(new long[] {7}, 0.99)).isEqualTo(7);
        assertThat(LatencySummary.nearestRank(new long[] {1, 2, 3}, 0.50)).isEqualTo(2);
    }

    @Test
    void summarySortsItsInput() {
        LatencySummary summary = LatencySummary.of(new long[] {300, 100, 200, 400});

        assertThat(summary.count()).isEqualTo(4);
        assertThat(summary.p50()).isEqualTo(200);
        assertThat(summary.p99()).isEqualTo(400);
        assertThat(summary.max()).isEqualTo(400);
        assertThat(summary.unseen()).isZero();
    }

    @Test
    void unseenMeasurementsCountAsSlowerThanAnyOther() {
        long[] millis = LongStream.rangeClosed(1, 100).toArray();
        millis[0] = LatencySummary.UNSEEN;

        LatencySummary summary = LatencySummary.of(millis);

        assertThat(summary.unseen()).isEqualTo(1);
        assertThat(summary.p99()).isEqualTo(100);
        assertThat(summary.max()).isEqualTo(LatencySummary.UNSEEN);
        assertThat(LatencySummary.format(summary.max())).isEqualTo("unseen");
        assertThat(LatencySummary.format(summary.p50())).isEqualTo("51ms");
    }

    @Test
    void noMeasurementsOrABadPercentileAreRejected() {
        assertThatThrownBy(() -> LatencySummary.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencySummary.nearestRank(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
