package com.o2cpulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Creates topics for the bench and lists their partitions and record counts. */
final class BenchTopics {

    private BenchTopics() {
    }

    /** Creates the topics with these configs (the cluster's default replication) and waits until they can be written. */
    static void create(Admin admin, List<String> topics, int partitions, Map<String, String> configs)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<NewTopic> create = new ArrayList<>();
        topics.forEach(t -> create.add(new NewTopic(t, Optional.of(partitions), Optional.empty()).configs(configs)));
        admin.createTopics(create).all().get();
        TopicReadiness.await(admin, topics);
    }

    /** Deletes every topic whose name starts with the prefix; returns how many. */
    static int deleteByPrefix(Admin admin, String prefix) throws ExecutionException, InterruptedException {
        List<String> doomed = admin.listTopics().names().get().stream().filter(name -> name.startsWith(prefix)).toList();
        admin.deleteTopics(doomed).all().get();
        return doomed.size();
    }

    static List<TopicPartition> partitions(Admin admin, List<String> topics) throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        return partitions;
    }

    /** Records in these partitions: their end offsets, exact for topics written without transactions. */
    static long records(Admin admin, List<TopicPartition> partitions) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }
}
