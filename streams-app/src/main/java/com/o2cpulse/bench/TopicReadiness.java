package com.o2cpulse.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waits until new topics can be written. A leader in the metadata is not enough: a broker may publish the leader
 * before its replica manager serves the partition, and an idempotent producer whose first batch is refused while
 * its second is taken then retries the first forever with OutOfOrderSequenceException (seen here: two minutes of
 * retries and expired batches, i.e. input silently missing). Listing every partition's end offset goes through
 * the replica manager, so once that answers, produce requests are served too.
 */
final class TopicReadiness {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private TopicReadiness() {
    }

    static void await(Admin admin, List<String> topics) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!servable(admin, topics)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics " + topics + " not writable after " + PATIENCE.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static boolean servable(Admin admin, List<String> topics) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            var descriptions = admin.describeTopics(topics).allTopicNames().get();
            for (var description : descriptions.values()) {
                for (var partition : description.partitions()) {
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        return false;
                    }
                    ends.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
                }
            }
            admin.listOffsets(ends).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw new IllegalStateException("cannot check topics " + topics + ": " + e.getCause(), e.getCause());
        }
    }
}
