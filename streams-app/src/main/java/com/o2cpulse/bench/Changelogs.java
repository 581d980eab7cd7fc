package com.o2cpulse.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/** The changelog topics of a Streams application: {@code <application.id>-*-changelog}. */
final class Changelogs {

    private Changelogs() {
    }

    static boolean isChangelogOf(String applicationId, String topic) {
        return topic.startsWith(applicationId + "-") && topic.endsWith("-changelog");
    }

    static List<TopicPartition> partitions(Admin admin, String applicationId) throws ExecutionException, InterruptedException {
        List<String> topics = admin.listTopics().names().get().stream().filter(t -> isChangelogOf(applicationId, t)).sorted().toList();
        return topics.isEmpty() ? List.of() : BenchTopics.partitions(admin, topics);
    }
}
