package com.o2cpulse.chaos;

import com.o2cpulse.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * What the chaos run asks the cluster through the admin client: partition leaders and in-sync replicas, end
 * offsets (high watermark and last stable offset), and the application group's committed offsets. Every wait is on
 * a condition with a deadline.
 */
final class ClusterProbe implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Admin admin;
    private final String applicationId;
    private final Topics topics;

    ClusterProbe(String bootstrapServers, String applicationId, Topics topics) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis()));
        this.applicationId = applicationId;
        this.topics = topics;
    }

    Admin admin() {
        return admin;
    }

    /** The application's own topics (inputs, outputs, dead letters) and its internal repartition and changelog topics. */
    List<String> allApplicationTopics() {
        List<String> all = new ArrayList<>();
        for (String topic : get(admin.listTopics().names())) {
            if (topic.startsWith(topics.prefix()) || topic.startsWith(applicationId + "-")) {
                all.add(topic);
            }
        }
        all.sort(String::compareTo);
        return all;
    }

    /** KPI topics and the changelog topics of the application's stores: what the broker faults aim at. */
    List<String> kpiAndChangelogTopics() {
        return allApplicationTopics().stream()
                .filter(t -> t.startsWith(topics.prefix() + "kpi.") || (t.startsWith(applicationId + "-") && t.endsWith("-changelog")))
                .toList();
    }

    Map<String, TopicDescription> describe(Collection<String> topicNames) {
        return get(admin.describeTopics(topicNames).allTopicNames());
    }

    List<TopicPartition> partitions(Collection<String> topicNames) {
        List<TopicPartition> partitions = new ArrayList<>();
        describe(topicNames).forEach((topic, description) -> description.partitions()
                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        return partitions;
    }

    /** Partition → leader node id (-1 when it has none) of the topics. */
    Map<TopicPartition, Integer> leaders(Collection<String> topicNames) {
        Map<TopicPartition, Integer> leaders = new TreeMap<>(ClusterProbe::compare);
        describe(topicNames).forEach((topic, description) -> description.partitions().forEach(p ->
                leaders.put(new TopicPartition(topic, p.partition()), p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id())));
        return leaders;
    }

    /** Partitions of the application's topics whose in-sync replicas are fewer than their replicas, or that have no leader. */
    List<String> underReplicated() {
        List<String> problems = new ArrayList<>();
        describe(allApplicationTopics()).forEach((topic, description) -> {
            for (TopicPartitionInfo p : description.partitions()) {
                if (p.leader() == null || p.leader().isEmpty() || p.isr().size() < p.replicas().size()) {
                    problems.add(topic + "-" + p.partition() + " isr " + p.isr().size() + "/" + p.replicas().size());
                }
            }
        });
        return problems;
    }

    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> result = get(admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all());
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    /** The application group's committed offsets. */
    Map<TopicPartition, Long> committed() {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((p, o) -> {
            if (o != null) {
                committed.put(p, o.offset());
            }
        });
        return committed;
    }

    /** Input partitions → end offset now: the point a recovery must get past. */
    Map<TopicPartition, Long> inputEnds() {
        return endOffsets(partitions(topics.inputs()), IsolationLevel.READ_UNCOMMITTED);
    }

    /** Node id of the broker coordinating the application's group. */
    int groupCoordinator() {
        return get(admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId)).coordinator().id();
    }

    /** How many records the group has still to commit before it is past {@code targets} on every partition. */
    long behind(Map<TopicPartition, Long> targets) {
        return behind(targets, committed());
    }

    static long behind(Map<TopicPartition, Long> targets, Map<TopicPartition, Long> committed) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            behind += Math.max(0, target.getValue() - committed.getOrDefault(target.getKey(), 0L));
        }
        return behind;
    }

    /** The partitions on which the group has not yet committed past {@code targets}, with both offsets. */
    List<String> behindPartitions(Map<TopicPartition, Long> targets) {
        return committedBelow(targets, committed());
    }

    /**
     * "topic-partition committed C < T" for every partition whose committed offset is below its target; a partition
     * without a committed offset counts as committed at 0 ("none").
     */
    static List<String> committedBelow(Map<TopicPartition, Long> targets, Map<TopicPartition, Long> committed) {
        List<String> behind = new ArrayList<>();
        targets.forEach((p, target) -> {
            Long at = committed.get(p);
            if ((at == null ? 0 : at) < target) {
                behind.add(p + " committed " + (at == null ? "none" : at) + " < " + target);
            }
        });
        behind.sort(String::compareTo);
        return behind;
    }

    /**
     * The group's lag over every partition it reads: the input topics and every partition it has committed on
     * (its repartition topics). Zero once everything produced has been processed and committed.
     */
    long lag() {
        Set<TopicPartition> read = new java.util.HashSet<>(committed().keySet());
        read.addAll(partitions(topics.inputs()));
        return behind(endOffsets(read, IsolationLevel.READ_UNCOMMITTED));
    }

    /** Partitions whose last stable offset is below their high watermark: an open (or hanging) transaction. */
    List<String> openTransactions(Collection<String> topicNames) {
        List<TopicPartition> partitions = partitions(topicNames);
        Map<TopicPartition, Long> high = endOffsets(partitions, IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> stable = endOffsets(partitions, IsolationLevel.READ_COMMITTED);
        List<String> open = new ArrayList<>();
        for (TopicPartition p : partitions) {
            if (stable.get(p) < high.get(p)) {
                open.add(p + " stable " + stable.get(p) + " < end " + high.get(p));
            }
        }
        open.sort(String::compareTo);
        return open;
    }

    /** Transactions the coordinators hold in a state other than complete or empty. */
    List<String> unfinishedTransactions() {
        List<String> unfinished = new ArrayList<>();
        get(admin.listTransactions().all()).forEach(listing -> {
            String state = listing.state().toString();
            if (!state.equalsIgnoreCase("Empty") && !state.startsWith("Complete") && !state.equalsIgnoreCase("Dead")) {
                unfinished.add(listing.transactionalId() + " " + state);
            }
        });
        return unfinished;
    }

    /** Polls until the condition holds; false when the deadline passed first. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // a broker just killed or restarting: ask again until the deadline
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("admin request failed: " + e.getMessage(), e);
        }
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
