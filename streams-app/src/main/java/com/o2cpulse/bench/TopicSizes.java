package com.o2cpulse.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Bytes on the brokers' disks by topic, from {@code describeLogDirs}: each partition counted once (its largest
 * replica), so a replicated cluster reports what was written, not that times the replication factor.
 */
final class TopicSizes {

    private final Map<String, Long> bytesByTopic;

    private TopicSizes(Map<String, Long> bytesByTopic) {
        this.bytesByTopic = bytesByTopic;
    }

    static TopicSizes read(Admin admin) throws ExecutionException, InterruptedException {
        var brokers = admin.describeCluster().nodes().get().stream().map(node -> node.id()).toList();
        Map<TopicPartition, Long> partitions = new HashMap<>();
        admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(dirs -> dirs.values().forEach(dir ->
                dir.replicaInfos().forEach((partition, replica) -> {
                    if (!replica.isFuture()) {
                        partitions.merge(partition, replica.size(), Math::max);
                    }
                })));
        Map<String, Long> byTopic = new HashMap<>();
        partitions.forEach((partition, size) -> byTopic.merge(partition.topic(), size, Long::sum));
        return new TopicSizes(byTopic);
    }

    long bytes(Predicate<String> topics) {
        return bytesByTopic.entrySet().stream().filter(e -> topics.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }
}
