package com.o2cpulse.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance is live and ready, from the Kafka Streams state and the state stores being restored.
 * Kafka Streams can be RUNNING while stores still restore (the state updater restores in the background), so
 * readiness needs both. Also measures restoration speed itself: the built-in restore-rate metrics have counted
 * batches rather than records.
 *
 * <p>Kafka Streams accepts one state listener and one global restore listener. {@link #registerOn} sets this
 * object as both; a runtime with listeners of its own registers those instead and forwards the calls here.
 */
public final class Readiness implements KafkaStreams.StateListener, StateRestoreListener, MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private final Map<RestoringPartition, Restoration> restoring = new ConcurrentHashMap<>();
    private final LongAdder restoredRecords = new LongAdder();
    private volatile double lastRestoreRecordsPerSecond;
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();

    /** Completes the first time the instance is ready. */
    public CompletableFuture<Void> firstReady() {
        return firstReady;
    }

    private void completeIfReady() {
        if (isReady()) {
            firstReady.complete(null);
        }
    }

    /** Sets this as the state listener and the global restore listener; call before {@code streams.start()}. */
    public void registerOn(KafkaStreams streams) {
        streams.setStateListener(this);
        streams.setGlobalStateRestoreListener(this);
    }

    public KafkaStreams.State state() {
        return state;
    }

    /** False once Kafka Streams has failed or stopped: the process should be restarted. */
    public boolean isLive() {
        KafkaStreams.State current = state;
        return current != KafkaStreams.State.ERROR && current != KafkaStreams.State.NOT_RUNNING
                && current != KafkaStreams.State.PENDING_ERROR;
    }

    /** RUNNING with no store restoring: queries see current state. */
    public boolean isReady() {
        return state == KafkaStreams.State.RUNNING && restoring.isEmpty();
    }

    /** Store partitions whose restoration started and has not ended. */
    public int restoringStores() {
        return restoring.size();
    }

    /** Records restored since start, over all stores. */
    public long restoredRecords() {
        return restoredRecords.sum();
    }

    /** Restoration speed of the most recently finished store partition, in records per second; 0 before any. */
    public double lastRestoreRecordsPerSecond() {
        return lastRestoreRecordsPerSecond;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        state = newState;
        LOG.info("Kafka Streams state {} -> {}", oldState, newState);
        completeIfReady();
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        restoring.put(new RestoringPartition(storeName, partition), new Restoration(System.nanoTime()));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        restoredRecords.add(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        Restoration restoration = restoring.remove(new RestoringPartition(storeName, partition));
        if (restoration == null) {
            return;
        }
        long nanos = Math.max(1, System.nanoTime() - restoration.startNanos());
        double perSecond = totalRestored * 1e9 / nanos;
        lastRestoreRecordsPerSecond = perSecond;
        if (totalRestored > 0) {
            LOG.info("Restored store {} partition {}: {} records in {} ms ({} records/s)", storeName, partition,
                    totalRestored, TimeUnit.NANOSECONDS.toMillis(nanos), Math.round(perSecond));
        }
        completeIfReady();
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        if (restoring.remove(new RestoringPartition(storeName, partition)) != null) {
            LOG.info("Restoration of store {} partition {} suspended after {} records (task moved)", storeName,
                    partition, totalRestored);
            completeIfReady();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("o2c.ready", this, r -> r.isReady() ? 1 : 0)
                .description("1 when Kafka Streams is RUNNING and no store is restoring")
                .register(registry);
        Gauge.builder("o2c.restore.active.partitions", this, Readiness::restoringStores)
                .description("Store partitions being restored now")
                .register(registry);
        FunctionCounter.builder("o2c.restore.records", this, Readiness::restoredRecords)
                .description("Records restored into state stores since start")
                .register(registry);
        Gauge.builder("o2c.restore.last.rate", this, Readiness::lastRestoreRecordsPerSecond)
                .description("Records per second of the most recently finished store restoration")
                .baseUnit("records.per.second")
                .register(registry);
    }

    private record RestoringPartition(String store, TopicPartition partition) {
    }

    private record Restoration(long startNanos) {
    }
}
