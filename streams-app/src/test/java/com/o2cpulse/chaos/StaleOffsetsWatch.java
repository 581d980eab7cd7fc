package com.o2cpulse.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches the group's committed offsets against the {@link CommittedFloor}. Committed offsets never go back, so
 * offsets below the floor mean the group coordinator serves a stale view; the watch reports it only once the view
 * has stayed stale for a grace period, so one odd answer during a coordinator failover is not taken for the defect.
 */
final class StaleOffsetsWatch {

    private final Map<TopicPartition, Long> floor;
    private final long graceMillis;
    private long staleSinceMillis = -1;
    private List<String> below = List.of();

    StaleOffsetsWatch(Map<TopicPartition, Long> floor, Duration grace) {
        this.floor = Map.copyOf(floor);
        this.graceMillis = grace.toMillis();
    }

    /** Records one answer of the coordinator; true once every answer for the grace period was below the floor. */
    boolean observe(Map<TopicPartition, Long> committed, long nowMillis) {
        below = ClusterProbe.committedBelow(floor, committed);
        if (below.isEmpty()) {
            staleSinceMillis = -1;
            return false;
        }
        if (staleSinceMillis < 0) {
            staleSinceMillis = nowMillis;
        }
        return nowMillis - staleSinceMillis >= graceMillis;
    }

    /** The partitions below the floor in the last answer, with both offsets. */
    List<String> below() {
        return below;
    }
}
