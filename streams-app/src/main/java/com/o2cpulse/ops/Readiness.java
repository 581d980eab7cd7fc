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
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance is live and ready to serve, from the Kafka Streams state, the state stores being restored
 * and the schema registry. Kafka Streams can be RUNNING while stores still restore (the state updater restores in
 * the background), so readiness needs both. Once ready, an instance stays ready while Kafka Streams rebalances: it
 * still answers every query (routing to the owner of a key, or a standby), and a rebalance puts every instance in
 * REBALANCING at once, so withdrawing them would leave the dashboard without any. A restoration, which only the
 * instances taking over tasks go through, still withdraws it; so does a schema registry that cannot be used
 * (processing is stalled), and a Kafka Streams that fails or stops. Also measures restoration speed itself: the built-in restore-rate metrics have counted
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
    private final CompletableFuture<Void> failed = new CompletableFuture<>();
    private final BooleanSupplier registryUnavailable;
    private volatile boolean servedOnce;

    /** Readiness that no schema registry withdraws: the in-process registry, tests. */
    public Readiness() {
        this(() -> false);
    }

    /** @param registryUnavailable whether processing is stalled because the schema registry cannot be used */
    public Readiness(BooleanSupplier registryUnavailable) {
        this.registryUnavailable = registryUnavailable;
    }

    /** Completes when Kafka Streams has failed (state ERROR): the process must end. */
    public CompletableFuture<Void> failed() {
        return failed;
    }

    /** Completes the first time the instance is ready. */
    public CompletableFuture<Void> firstReady() {
        return firstReady;
    }

    private void completeIfReady() {
        if (!servedOnce && state == KafkaStreams.State.RUNNING && restoring.isEmpty()) {
            servedOnce = true;
        }
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

    /**
     * Ready to serve: RUNNING at least once, RUNNING or REBALANCING now, no store restoring and the schema
     * registry usable.
     */
    public boolean isReady() {
        KafkaStreams.State current = state;
        return servedOnce && (current == KafkaStreams.State.RUNNING || current == KafkaStreams.State.REBALANCING)
                && restoring.isEmpty() && !registryUnavailable.getAsBoolean();
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
        if (newState == KafkaStreams.State.ERROR) {
            failed.complete(null);
        }
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
                .description("1 when the instance serves: Kafka Streams RUNNING (or rebalancing after it), no store restoring, registry usable")
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
