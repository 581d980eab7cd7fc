package com.o2cpulse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Watches a consumer group until it has committed everything there is to read. */
final class ConsumerLag {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final String groupId;

    ConsumerLag(Admin admin, String groupId) {
        this.admin = admin;
        this.groupId = groupId;
    }

    /**
     * Waits until the group's committed offsets reach the end of the given topics and of every other topic it
     * reads (internal repartition topics included); returns the time it took.
     */
    Duration awaitCaughtUp(List<String> topics, Duration timeout) throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (!caughtUp(topics)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("group " + groupId + " did not catch up within " + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private boolean caughtUp(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        List<TopicPartition> partitions = new ArrayList<>(committed.keySet());
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(p -> {
                    TopicPartition partition = new TopicPartition(topic, p.partition());
                    if (!partitions.contains(partition)) {
                        partitions.add(partition);
                    }
                }));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition).offset();
            OffsetAndMetadata offset = committed.get(partition);
            if (end > 0 && (offset == null || offset.offset() < end)) {
                return false;
            }
        }
        return true;
    }
}
