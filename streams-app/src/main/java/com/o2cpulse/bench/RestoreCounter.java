package com.o2cpulse.bench;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Counts restored records itself (built-in restore metrics have counted batches in some versions) and the time from
 * the first restoration's start to the last one's end. Called from the restoring threads.
 */
final class RestoreCounter implements StateRestoreListener {

    private final Set<TopicPartition> restoring = new HashSet<>();
    private final Set<TopicPartition> restored = new HashSet<>();
    private long records;
    private long firstStart = -1;
    private long lastEnd = -1;

    @Override
    public synchronized void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        if (firstStart < 0) {
            firstStart = System.nanoTime();
        }
        restoring.add(partition);
    }

    @Override
    public synchronized void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        records += numRestored;
    }

    @Override
    public synchronized void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        restoring.remove(partition);
        restored.add(partition);
        lastEnd = System.nanoTime();
    }

    /** Whether every one of these partitions has been restored and nothing is restoring any more. */
    synchronized boolean finished(Set<TopicPartition> expected) {
        return restoring.isEmpty() && restored.containsAll(expected);
    }

    synchronized long records() {
        return records;
    }

    synchronized double seconds() {
        return firstStart < 0 || lastEnd < firstStart ? Double.NaN : (lastEnd - firstStart) / 1e9;
    }
}
