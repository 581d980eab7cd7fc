package com.o2cpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.topology.TopologySettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrometheusPipelineMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PrometheusPipelineMetrics metrics = new PrometheusPipelineMetrics(registry, TopologySettings.DEFAULT.topics());

    @Test
    void everyInputTopicHasItsDeadLetterCounterAtZeroFromTheStart() {
        String scrape = registry.scrape();

        for (String topic : TopologySettings.DEFAULT.topics().inputs()) {
            assertThat(scrape).contains("o2c_dead_letters_total{topic=\"" + topic + "\"} 0.0");
        }
    }

    @Test
    void countsEventsDeadLettersAndKpiUpdatesUnderTheirPrometheusNames() {
        metrics.eventReceived(EventStream.SHIPMENT);
        metrics.eventReceived(EventStream.SHIPMENT);
        metrics.deadLettered("o2c.orders");
        metrics.kpiPublished(KpiFamily.BACKLOG);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("o2c_events_in_total{stream=\"shipment\"} 2.0")
                .contains("o2c_events_in_total{stream=\"order\"} 0.0")
                .contains("o2c_dead_letters_total{topic=\"o2c.orders\"} 1.0")
                .contains("o2c_kpi_updates_total{kpi=\"backlog\"} 1.0");
    }

    @Test
    void endToEndLatencyIsAHistogramWhoseBucketsLocateP50AndP99() {
        IntStream.rangeClosed(1, 100).forEach(metrics::endToEndLatency);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("# TYPE o2c_end_to_end_latency_seconds histogram")
                .contains("o2c_end_to_end_latency_seconds_count 100")
                .contains("o2c_end_to_end_latency_seconds_sum 5.05");
        assertThat(cumulativeCountAt(scrape, 0.04)).isLessThan(50);
        assertThat(cumulativeCountAt(scrape, 0.05)).isGreaterThanOrEqualTo(50);
        assertThat(cumulativeCountAt(scrape, 0.1)).isEqualTo(100);
    }

    /** The count of the smallest bucket whose upper bound is at least {@code seconds}. */
    private static long cumulativeCountAt(String scrape, double seconds) {
        return scrape.lines()
                .filter(line -> line.startsWith("o2c_end_to_end_latency_seconds_bucket{le=\"") && !line.contains("+Inf"))
                .map(line -> line.substring(line.indexOf('"') + 1).split("\"\\} "))
                .filter(parts -> Double.parseDouble(parts[0]) >= seconds)
                .mapToLong(parts -> (long) Double.parseDouble(parts[1]))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void negativeLatencyFromClockSkewCountsAsNone() {
        metrics.endToEndLatency(-5);

        assertThat(registry.get("o2c.end.to.end.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("o2c.end.to.end.latency").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isZero();
    }

    @Test
    void concurrentStreamThreadsLoseNoIncrements() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> IntStream.range(0, 10_000).forEach(i -> {
                metrics.eventReceived(EventStream.ORDER);
                metrics.deadLettered("o2c.invoices");
            })));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(registry.get("o2c.events.in").tag("stream", "order").counter().count()).isEqualTo(40_000);
        assertThat(registry.get("o2c.dead.letters").tag("topic", "o2c.invoices").counter().count()).isEqualTo(40_000);
    }
}
