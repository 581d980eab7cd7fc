package com.o2cpulse.serve;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Which store partitions this instance holds a copy of that has caught up with its changelog since the copy
 * started. A copy being built from its changelog lags by few records when the changelog is small, yet misses keys:
 * a compacted changelog keeps a key's latest record only, however old the key. So "records behind" says how stale
 * a copy is only once it has caught up, or when it started from a checkpoint (the store as it was at that offset):
 * until then it does not answer. A copy promoted from standby to active keeps what it caught up; one that moved
 * away, or starts again from the changelog's start, has to catch up anew. Thread-safe: Kafka Streams calls
 * it from its state-updater threads, the HTTP API reads it.
 */
final class CaughtUpCopies implements StandbyUpdateListener {

    private record Copy(String storeName, int partition) {
    }

    private final Set<Copy> caughtUp = ConcurrentHashMap.newKeySet();

    boolean hasCaughtUp(String storeName, int partition) {
        return caughtUp.contains(new Copy(storeName, partition));
    }

    /** A copy seen with nothing to catch up: for one that started current and has had nothing to load since. */
    void sawCurrent(String storeName, int partition) {
        caughtUp.add(new Copy(storeName, partition));
    }

    @Override
    public void onUpdateStart(TopicPartition topicPartition, String storeName, long startingOffset) {
        // From a checkpoint, the copy starts as the store was at that offset: stale, but consistent. From the
        // changelog's start, it has nothing consistent until it has read to the end once.
        if (startingOffset > 0) {
            caughtUp.add(new Copy(storeName, topicPartition.partition()));
        } else {
            caughtUp.remove(new Copy(storeName, topicPartition.partition()));
        }
    }

    @Override
    public void onBatchLoaded(TopicPartition topicPartition, String storeName, TaskId taskId, long batchEndOffset,
                              long batchSize, long currentEndOffset) {
        // The end offset is the batch's end plus the consumer's lag: at most one past the batch (a transaction
        // marker) when the copy holds every record there is.
        if (currentEndOffset - batchEndOffset <= 1) {
            caughtUp.add(new Copy(storeName, topicPartition.partition()));
        }
    }

    @Override
    public void onUpdateSuspended(TopicPartition topicPartition, String storeName, long storeOffset, long currentEndOffset,
                                  SuspendReason reason) {
        if (reason == SuspendReason.MIGRATED) {
            caughtUp.remove(new Copy(storeName, topicPartition.partition()));
        }
    }
}
