package com.o2cpulse.ops;

import com.o2cpulse.topology.Topics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which Kafka client and Kafka Streams meters an instance exposes. Kafka registers hundreds per thread, task,
 * processor node, store and broker connection (a scrape of all of them is most of a megabyte); by default only
 * those that alerts and dashboards read are kept: stream thread and client health, consumer lag, rebalances,
 * producer send and error rates, dropped records. {@code metrics.kafka.all=true} keeps all of them.
 *
 * <p>Kafka's consumer also reports each topic-level and partition-level meter a second time under the old tag
 * value of the topic, with every '.' replaced by '_' ({@code o2c_orders} beside {@code o2c.orders}); those
 * duplicates are always dropped, so that each partition's lag is one series.
 */
public final class KafkaMeterSelection {

    private static final Set<String> ESSENTIAL_NAMES = Set.of(
            "kafka.stream.alive.stream.threads",
            "kafka.stream.failed.stream.threads",
            "kafka.stream.client.state",
            "kafka.stream.task.dropped.records.total",
            "kafka.consumer.fetch.manager.records.lag",
            "kafka.consumer.fetch.manager.records.lag.max",
            "kafka.consumer.fetch.manager.records.consumed.rate",
            "kafka.consumer.fetch.manager.fetch.latency.avg",
            "kafka.producer.record.send.rate",
            "kafka.producer.record.error.rate",
            "kafka.producer.request.latency.avg");
    private static final List<String> ESSENTIAL_PREFIXES = List.of("kafka.stream.thread.", "kafka.consumer.coordinator.");

    private KafkaMeterSelection() {
    }

    /** The filters to configure on the registry before any Kafka meter is bound. */
    public static List<MeterFilter> filters(Topics topics, boolean keepAllKafkaMeters) {
        MeterFilter legacyTopicTags = legacyTopicTagsDropped(topics);
        return keepAllKafkaMeters ? List.of(legacyTopicTags) : List.of(legacyTopicTags, MeterFilter.deny(KafkaMeterSelection::nonEssential));
    }

    static boolean nonEssential(Meter.Id id) {
        String name = id.getName();
        return name.startsWith("kafka.") && !ESSENTIAL_NAMES.contains(name)
                && ESSENTIAL_PREFIXES.stream().noneMatch(name::startsWith);
    }

    private static MeterFilter legacyTopicTagsDropped(Topics topics) {
        Set<String> legacyNames = Stream.of(topics.inputs(), topics.compacted(), List.of(topics.exceptions(), topics.deadLetters()))
                .flatMap(List::stream)
                .filter(topic -> topic.contains("."))
                .map(topic -> topic.replace('.', '_'))
                .collect(Collectors.toUnmodifiableSet());
        return MeterFilter.deny(id -> {
            String topic = id.getTag("topic");
            return topic != null && id.getName().startsWith("kafka.") && legacyNames.contains(topic);
        });
    }
}
