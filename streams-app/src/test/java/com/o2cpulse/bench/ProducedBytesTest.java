package com.o2cpulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class ProducedBytesTest {

    @Test
    void sumsTheByteTotalsOfEachTopicOverAllProducersAndIgnoresOtherMetrics() {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        put(metrics, "byte-total", "producer-topic-metrics", Map.of("client-id", "p1", "topic", "a"), 100);
        put(metrics, "byte-total", "producer-topic-metrics", Map.of("client-id", "p2", "topic", "a"), 23);
        put(metrics, "byte-total", "producer-topic-metrics", Map.of("client-id", "p1", "topic", "b"), 7);
        put(metrics, "record-send-total", "producer-topic-metrics", Map.of("client-id", "p1", "topic", "b"), 1000);
        put(metrics, "outgoing-byte-total", "producer-metrics", Map.of("client-id", "p1"), 5000);

        ProducedBytes produced = ProducedBytes.of(metrics);

        assertEquals(123, produced.bytes("a"::equals));
        assertEquals(130, produced.bytes(topic -> true));
        assertEquals("a=123, b=7", produced.largest(topic -> true, 5));
        assertEquals("a=123", produced.largest(topic -> true, 1));
    }

    private static void put(Map<MetricName, Metric> metrics, String name, String group, Map<String, String> tags, double value) {
        MetricName metricName = new MetricName(name, group, "", tags);
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
