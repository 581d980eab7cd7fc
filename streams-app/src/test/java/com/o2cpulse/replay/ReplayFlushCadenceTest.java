package com.o2cpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.lifecycle.Retention;
import com.o2cpulse.oracle.OracleDiff;
import com.o2cpulse.oracle.ReplayJson;
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.topology.TopologySettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay flushes the pre-aggregated deltas every so many events; the final values, order status included, and
 * the late events must not depend on how often, from a flush after every event to one at the end. (Which keys end
 * as tombstones does: a total back at zero within one flush is never sent.)
 */
class ReplayFlushCadenceTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 7})
    void finalValuesAndLateEventsDoNotDependOnHowOftenTheReplayFlushes(long seed) {
        Random random = new Random(seed);
        List<SpecificRecord> simulated = new Simulator(seed, Instant.parse("2026-11-20T08:00:00Z")).generate(250);
        List<SpecificRecordBase> arrivals = ReplayWithRetentionMatchesBatchOracleTest.lateAndOutOfOrder(simulated, random);
        TopologySettings defaults = TopologySettings.DEFAULT;
        // Horizons short against the simulated days, so that orders retire and later events are late.
        TopologySettings settings = new TopologySettings(defaults.topics(), new KpiRules(ZoneId.of("Europe/Berlin"), Duration.ofHours(8)),
                defaults.kpiFlushInterval(), defaults.slaCheckInterval())
                .withRetention(new Retention(Duration.ofHours(48), Duration.ofDays(5), Duration.ofDays(1), Duration.ofDays(365)));

        ReplayResult once = new Replay(settings, Integer.MAX_VALUE).run(arrivals, ReplayFlushCadenceTest::eventId);
        assertThat(once.finalValues()).allSatisfy((topic, values) -> assertThat(values).isNotEmpty());
        assertThat(once.lateEvents()).isNotEmpty();
        for (int eventsPerFlush : new int[] {1, 97, Replay.EVENTS_PER_FLUSH}) {
            ReplayResult result = new Replay(settings, eventsPerFlush).run(arrivals, ReplayFlushCadenceTest::eventId);

            assertThat(OracleDiff.diff(ReplayJson.finalValues(once), ReplayJson.finalValues(result))).as("every %d events", eventsPerFlush).isEmpty();
            assertThat(result.lateEvents()).isEqualTo(once.lateEvents());
            assertThat(result.exceptions()).isEqualTo(once.exceptions());
        }
    }

    private static byte[] eventId(SpecificRecordBase event) {
        return com.o2cpulse.lifecycle.Events.eventId(event).getBytes(StandardCharsets.UTF_8);
    }
}
