package com.o2cpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.oracle.BatchKpiOracle;
import com.o2cpulse.oracle.OracleDiff;
import com.o2cpulse.oracle.ReplayJson;
import com.o2cpulse.replayfile.EventJson;
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard: whatever the arrival order, redeliveries and producer keys, the topology's final KPIs equal the
 * independent batch computation (test code in com.o2cpulse.oracle) over the same events.
 */
class ReplayMatchesBatchOracleTest {

    private static final int ORDERS = 250;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void finalKpisEqualTheBatchRecomputationUnderShufflesRedeliveriesAndArbitraryKeys(long seed) {
        Random random = new Random(seed);
        ZoneId zone = seed % 2 == 0 ? ZoneId.of("UTC") : ZoneId.of("America/New_York");
        Duration sla = Duration.ofHours(seed % 3 == 0 ? 8 : 24);
        List<SpecificRecord> simulated = new Simulator(seed, Instant.parse("2026-11-20T08:00:00Z")).generate(ORDERS);

        List<SpecificRecordBase> arrivals = disorder(simulated, random);
        EventJson json = new EventJson();
        List<String> lines = arrivals.stream().map(json::write).toList();

        Map<String, Map<String, ObjectNode>> expected = BatchKpiOracle.compute(lines, zone, sla);
        TopologySettings defaults = TopologySettings.DEFAULT;
        ReplayResult result = new Replay(new TopologySettings(defaults.topics(), new KpiRules(zone, sla),
                defaults.kpiFlushInterval(), defaults.slaCheckInterval()))
                .run(arrivals, event -> randomKey(random));
        Map<String, Map<String, ObjectNode>> actual = finalValuesAsJson(result);

        assertThat(expected.values()).allSatisfy(keys -> assertThat(keys).isNotEmpty());
        assertThat(OracleDiff.diff(expected, actual)).isEmpty();
    }

    /** The replay's final values of the oracle's topics as JSON, tombstones left out, as the oracle gives them. */
    static Map<String, Map<String, ObjectNode>> finalValuesAsJson(ReplayResult result) {
        Map<String, Map<String, ObjectNode>> all = ReplayJson.finalValues(result);
        Map<String, Map<String, ObjectNode>> actual = new TreeMap<>();
        BatchKpiOracle.TOPICS.forEach(topic -> actual.put(topic, all.getOrDefault(topic, Map.of())));
        return actual;
    }

    /** Shuffles a third of the events far from their place, and redelivers some of them later. */
    static List<SpecificRecordBase> disorder(List<SpecificRecord> events, Random random) {
        List<SpecificRecordBase> arrivals = new ArrayList<>();
        events.forEach(e -> arrivals.add((SpecificRecordBase) e));
        for (int i = 0; i < arrivals.size() / 3; i++) {
            Collections.swap(arrivals, random.nextInt(arrivals.size()), random.nextInt(arrivals.size()));
        }
        int redeliveries = arrivals.size() / 20;
        for (int i = 0; i < redeliveries; i++) {
            SpecificRecordBase again = arrivals.get(random.nextInt(arrivals.size()));
            arrivals.add(random.nextInt(arrivals.size() + 1), again);
        }
        return arrivals;
    }

    private static byte[] randomKey(Random random) {
        return random.nextInt(4) == 0 ? null : Long.toString(random.nextLong()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
