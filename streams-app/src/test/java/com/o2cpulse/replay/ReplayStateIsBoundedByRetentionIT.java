package com.o2cpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.lifecycle.Retention;
import com.o2cpulse.sim.SimulationProfile;
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/** At a constant daily volume, the state a retention keeps levels off after the horizon instead of growing with history. */
class ReplayStateIsBoundedByRetentionIT {

    private static final Duration REPORT_EVERY = Duration.ofDays(5);

    @Test
    void keptOrdersLevelOffAfterTheHorizonWhileWithoutRetentionTheyGrow() {
        List<SpecificRecordBase> events = new ArrayList<>();
        // About 43 orders a day for 60 days.
        for (SpecificRecord event : new Simulator(4, Instant.parse("2026-01-01T00:00:00Z"),
                SimulationProfile.DEFAULT.withOrdersPerSecond(0.0005)).generate(2_592)) {
            events.add((SpecificRecordBase) event);
        }
        Retention retention = new Retention(Duration.ofDays(5), Duration.ofDays(10), Duration.ofDays(3), Duration.ofDays(10));

        List<Replay.StateSize> bounded = new ArrayList<>();
        new Replay(TopologySettings.DEFAULT.withRetention(retention)).run(events, event -> null, REPORT_EVERY, bounded::add);
        List<Replay.StateSize> unbounded = new ArrayList<>();
        new Replay(new TopologySettings(TopologySettings.DEFAULT.topics(), TopologySettings.DEFAULT.rules(),
                TopologySettings.DEFAULT.kpiFlushInterval(), TopologySettings.DEFAULT.slaCheckInterval()))
                .run(events, event -> null, REPORT_EVERY, unbounded::add);

        assertThat(bounded).hasSizeGreaterThan(10).hasSameSizeAs(unbounded);
        // From day 20 on (past every horizon), the kept orders stay within a band; without retention they keep growing.
        List<Long> boundedLater = bounded.subList(4, bounded.size() - 1).stream().map(Replay.StateSize::orders).toList();
        assertThat(boundedLater.stream().mapToLong(Long::longValue).max().orElseThrow())
                .isLessThan(2 * boundedLater.stream().mapToLong(Long::longValue).min().orElseThrow());
        long lastUnbounded = unbounded.get(unbounded.size() - 2).orders();
        assertThat(lastUnbounded).isGreaterThan(3 * bounded.get(bounded.size() - 2).orders());
        assertThat(unbounded).allSatisfy(size -> assertThat(size.retiredMarkers()).isZero());
        assertThat(bounded.get(bounded.size() - 2).retiredMarkers()).isPositive();
        // Every kept order and marker is indexed; entries left for days before an order's retirement moved earlier
        // (or for an order retired since) wait for their day, so the index stays within twice the kept state.
        assertThat(bounded).as("index entries within one and two per kept order and marker").allSatisfy(size -> assertThat(size.indexEntries())
                .isBetween(size.orders() + size.retiredMarkers(), 2 * (size.orders() + size.retiredMarkers())));
    }
}
