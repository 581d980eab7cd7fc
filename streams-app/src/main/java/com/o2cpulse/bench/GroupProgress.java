package com.o2cpulse.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has got through the input, from its committed offsets: input events committed minus
 * records still waiting in its repartition topics. Committed input alone would overstate a Streams application,
 * whose first sub-topology may run ahead of the expensive one behind a repartition topic; subtracting that backlog
 * counts an event only once its last stage has committed too. (Repartition offsets include one transaction marker
 * per commit, so the backlog is overstated by a few records: the estimate errs low.)
 */
final class GroupProgress {

    /**
     * @param inputCommitted  input events the group has committed
     * @param internalBacklog records in its repartition topics not yet committed by their readers
     */
    record Snapshot(long inputCommitted, long internalBacklog) {
        long progress() {
            return Math.max(0, inputCommitted - internalBacklog);
        }

        boolean caughtUp(long inputTotal) {
            return inputCommitted >= inputTotal && internalBacklog == 0;
        }
    }

    private final Admin admin;
    private final String groupId;
    private final List<TopicPartition> inputs;
    private final Optional<String> internalPrefix;
    private List<TopicPartition> repartitions = List.of();
    private boolean discovered;

    /** @param internalPrefix prefix of the group's internal topics ({@code <application.id>-}); empty for a plain consumer */
    GroupProgress(Admin admin, String groupId, List<TopicPartition> inputs, Optional<String> internalPrefix) {
        this.admin = admin;
        this.groupId = groupId;
        this.inputs = List.copyOf(inputs);
        this.internalPrefix = internalPrefix;
    }

    Snapshot read() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        long inputCommitted = inputs.stream().mapToLong(p -> offset(committed, p)).sum();
        if (!discovered && inputCommitted > 0) {
            // Streams creates all its internal topics before it assigns tasks, so once input is committed they exist.
            repartitions = internalPrefix.isPresent() ? repartitionPartitions(internalPrefix.get()) : List.of();
            discovered = true;
        }
        long backlog = 0;
        if (!repartitions.isEmpty()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            repartitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            for (TopicPartition partition : repartitions) {
                backlog += Math.max(0, ends.get(partition).offset() - offset(committed, partition));
            }
        }
        return new Snapshot(inputCommitted, backlog);
    }

    private static long offset(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition partition) {
        OffsetAndMetadata offset = committed.get(partition);
        return offset == null ? 0 : offset.offset();
    }

    private List<TopicPartition> repartitionPartitions(String prefix) throws ExecutionException, InterruptedException {
        List<String> topics = admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(prefix) && t.endsWith("-repartition")).toList();
        if (topics.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        return partitions;
    }
}
