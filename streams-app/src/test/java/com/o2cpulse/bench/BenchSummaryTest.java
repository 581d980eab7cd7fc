package com.o2cpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchSummaryTest {

    @Test
    void holdsEveryFigureOnOneLine() {
        BenchSummary summary = new BenchSummary(100_000, 200_000, 20_000, 2_000, new BenchSummary.CpuPerEvent(3_100, 12_040, 48_160),
                Optional.of(LatencySummary.of(new long[] {150, 250, 450})), 100, 2, 3.456, 812.4, 1_020.6, 40_000, 800_000,
                300L * 1024 * 1024, 900L * 1024 * 1024);

        assertThat(summary.line()).isEqualTo("bench summary: events=100000 copy=200000/s streams=20000/s pulse=2000/s "
                + "pulse/copy=0.0100 pulse/streams=0.100 cpu/event: copy=3.1us streams=12.0us pulse=48.2us streams-cpu/pulse-cpu=0.250 p50=250ms p99=450ms commit=100ms threads=2 bytes/in=3.46 state/order=812B "
                + "changelog/order=1021B restore=40000/s raw=800000/s restore/raw=0.0500 heap=300MB rss=900MB");
    }

    @Test
    void missingFiguresReadNotAvailable() {
        BenchSummary summary = new BenchSummary(10, Double.NaN, 20_000, 2_000,
                new BenchSummary.CpuPerEvent(Double.NaN, 1, 1), Optional.empty(), 100, 1, Double.NaN, 1, 1,
                Double.NaN, 1, -1, -1);

        assertThat(summary.line()).contains("copy=n/a", "pulse/copy=n/a", "cpu/event: copy=n/a", "p50=n/a", "p99=n/a", "bytes/in=n/a",
                "restore=n/a", "restore/raw=n/a", "heap=n/aMB");
    }
}
