package com.o2cpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.lifecycle.Retention;
import com.o2cpulse.oracle.BatchKpiOracle;
import com.o2cpulse.oracle.OracleDiff;
import com.o2cpulse.oracle.RetentionOracle;
import com.o2cpulse.replayfile.EventJson;
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard with a retention horizon: the events that arrive within it give the batch truth over exactly those
 * events, and the events after it are exactly the late ones, in order, whatever the arrival order and redeliveries.
 */
class ReplayWithRetentionMatchesBatchOracleTest {

    private static final int ORDERS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13})
    void eventsWithinTheHorizonEqualTheBatchTruthAndTheOthersAreExactlyTheLateOnes(long seed) throws Exception {
        Random random = new Random(seed);
        ZoneId zone = seed % 2 == 0 ? ZoneId.of("UTC") : ZoneId.of("America/New_York");
        Duration sla = Duration.ofHours(24);
        // Horizons short against the simulated days, a marker longer than all of them.
        Retention retention = new Retention(Duration.ofHours(48 + seed), Duration.ofDays(5), Duration.ofDays(1), Duration.ofDays(365));
        List<SpecificRecord> simulated = new Simulator(seed, Instant.parse("2026-11-20T08:00:00Z")).generate(ORDERS);
        List<SpecificRecordBase> arrivals = lateAndOutOfOrder(simulated, random);
        EventJson json = new EventJson();
        List<String> lines = arrivals.stream().map(json::write).toList();

        RetentionOracle.Split split = new RetentionOracle(retention.settledHorizon(), retention.unsettledHorizon(),
                retention.neverKnownHorizon(), retention.markerPeriod()).split(lines);
        Map<String, Map<String, ObjectNode>> expected = BatchKpiOracle.compute(split.acceptedLines(), zone, sla);
        TopologySettings defaults = TopologySettings.DEFAULT;
        ReplayResult result = new Replay(new TopologySettings(defaults.topics(), new KpiRules(zone, sla),
                defaults.kpiFlushInterval(), defaults.slaCheckInterval()).withRetention(retention))
                .run(arrivals, event -> null);

        Map<String, Map<String, ObjectNode>> actual = ReplayMatchesBatchOracleTest.finalValuesAsJson(result);
        List<String> late = new ArrayList<>();
        for (ReplayResult.LateEvent event : result.lateEvents()) {
            JsonNode value = JSON.readTree(event.json());
            assertThat(value.get("correlationId").asText()).isEqualTo(event.correlationId());
            late.add(value.get("stream").asText() + ":" + value.get("eventId").asText());
        }

        assertThat(split.lateEvents()).as("the input must reach past the horizons").hasSizeGreaterThan(20);
        assertThat(split.acceptedLines()).hasSizeGreaterThan(lines.size() / 2);
        assertThat(late).containsExactlyElementsOf(split.lateEvents());
        assertThat(OracleDiff.diff(expected, actual)).isEmpty();
    }

    /**
     * Stream time is the greatest event time read, so a shuffle over the whole input would make nearly every
     * event late. Here events swap places with near neighbours, a few arrive after everything else, and some are
     * redelivered a little later.
     */
    static List<SpecificRecordBase> lateAndOutOfOrder(List<SpecificRecord> events, Random random) {
        List<SpecificRecordBase> arrivals = new ArrayList<>();
        events.forEach(e -> arrivals.add((SpecificRecordBase) e));
        for (int i = 0; i < arrivals.size(); i++) {
            int neighbour = Math.min(arrivals.size() - 1, i + random.nextInt(40));
            SpecificRecordBase moved = arrivals.get(i);
            arrivals.set(i, arrivals.get(neighbour));
            arrivals.set(neighbour, moved);
        }
        List<SpecificRecordBase> last = new ArrayList<>();
        for (int i = arrivals.size() - 1; i >= 0; i--) {
            if (random.nextInt(50) == 0) {
                last.add(arrivals.remove(i));
            }
        }
        arrivals.addAll(last);
        int redeliveries = arrivals.size() / 20;
        for (int i = 0; i < redeliveries; i++) {
            int original = random.nextInt(arrivals.size());
            arrivals.add(Math.min(arrivals.size(), original + 1 + random.nextInt(300)), arrivals.get(original));
        }
        return arrivals;
    }
}
