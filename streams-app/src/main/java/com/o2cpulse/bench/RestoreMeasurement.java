package com.o2cpulse.bench;

import com.o2cpulse.config.Directories;
import com.o2cpulse.config.Settings;
import com.o2cpulse.serde.SchemaRegistryClient;
import com.o2cpulse.topology.KpiTopology;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.PipelineMetrics;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Restore speed: with the instance closed, wipe its state directory and start the same topology with the same
 * properties and application id, so that every store is rebuilt from its changelog, and count what is restored.
 *
 * @param records restored records
 * @param seconds from the first store's restore start to the last one's end
 */
record RestoreMeasurement(long records, double seconds) {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    double recordsPerSecond() {
        return records / seconds;
    }

    /** @param expected the changelog partitions that hold records: restoration is over once each has been restored */
    static RestoreMeasurement of(Settings settings, String bootstrap, SchemaRegistryClient registry, Set<TopicPartition> expected)
            throws TimeoutException {
        Directories.delete(settings.stateDir());
        RestoreCounter counter = new RestoreCounter();
        KafkaStreams streams = new KafkaStreams(KpiTopology.build(settings.topologySettings(), new O2cSerdes(registry), PipelineMetrics.NONE),
                PulseStreamsProperties.of(settings, bootstrap));
        streams.setGlobalStateRestoreListener(counter);
        try {
            streams.start();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!(counter.finished(expected) && streams.state() == KafkaStreams.State.RUNNING)) {
                KafkaStreams.State state = streams.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
                    throw new IllegalStateException("the restoring instance failed: " + state);
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("restoration not finished in " + PATIENCE.toMinutes() + " min");
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            return new RestoreMeasurement(counter.records(), counter.seconds());
        } finally {
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
    }
}
