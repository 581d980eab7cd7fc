package com.o2cpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusHistogramTest {

    private static final String SCRAPE = """
            # HELP o2c_end_to_end_latency_seconds From the append of the oldest input event ...
            # TYPE o2c_end_to_end_latency_seconds histogram
            o2c_end_to_end_latency_seconds_bucket{le="0.1"} 10
            o2c_end_to_end_latency_seconds_bucket{le="0.25"} 90
            o2c_end_to_end_latency_seconds_bucket{le="1.0"} 99
            o2c_end_to_end_latency_seconds_bucket{le="+Inf"} 100
            o2c_end_to_end_latency_seconds_count 100
            o2c_end_to_end_latency_seconds_sum 21.5
            o2c_other_bucket{le="0.1"} 1000
            """;

    @Test
    void quantilesAreTheBoundOfTheBucketThatHoldsThem() {
        PrometheusHistogram histogram = PrometheusHistogram.parse(SCRAPE, "o2c_end_to_end_latency_seconds");

        assertThat(histogram.count()).isEqualTo(100);
        assertThat(histogram.upperBound(0.05)).hasValue(0.1);
        assertThat(histogram.upperBound(0.50)).hasValue(0.25);
        assertThat(histogram.upperBound(0.99)).hasValue(1.0);
        assertThat(histogram.upperBound(1.0)).hasValue(Double.POSITIVE_INFINITY);
    }

    @Test
    void seriesWithOtherLabelsAreSummed() {
        String scrape = """
                h_bucket{instance="a",le="1.0",} 3.0
                h_bucket{instance="b",le="1.0",} 1.0
                h_bucket{instance="a",le="+Inf",} 4.0
                h_bucket{instance="b",le="+Inf",} 4.0
                """;

        PrometheusHistogram histogram = PrometheusHistogram.parse(scrape, "h");

        assertThat(histogram.count()).isEqualTo(8);
        assertThat(histogram.upperBound(0.5)).hasValue(1.0);
        assertThat(histogram.upperBound(0.51)).hasValue(Double.POSITIVE_INFINITY);
    }

    @Test
    void anAbsentHistogramHasNoQuantiles() {
        PrometheusHistogram histogram = PrometheusHistogram.parse(SCRAPE, "missing");

        assertThat(histogram.count()).isZero();
        assertThat(histogram.upperBound(0.5)).isEmpty();
    }
}
