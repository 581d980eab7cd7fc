package com.o2cpulse.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Bytes a contestant's producers sent, by topic, from their {@code producer-topic-metrics byte-total}: what it wrote
 * to Kafka, whatever compaction later removes from the log.
 */
final class ProducedBytes {

    private final Map<String, Long> bytesByTopic;

    private ProducedBytes(Map<String, Long> bytesByTopic) {
        this.bytesByTopic = bytesByTopic;
    }

    static ProducedBytes of(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Long> byTopic = new HashMap<>();
        metrics.forEach((name, metric) -> {
            if (name.group().equals("producer-topic-metrics") && name.name().equals("byte-total") && name.tags().containsKey("topic")) {
                byTopic.merge(name.tags().get("topic"), (long) ((Number) metric.metricValue()).doubleValue(), Long::sum);
            }
        });
        return new ProducedBytes(byTopic);
    }

    long bytes(Predicate<String> topics) {
        return bytesByTopic.entrySet().stream().filter(e -> topics.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** The largest of the matching topics with their bytes, largest first, for the log. */
    String largest(Predicate<String> topics, int count) {
        return bytesByTopic.entrySet().stream().filter(e -> topics.test(e.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }
}
