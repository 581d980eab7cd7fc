package com.o2cpulse.topology;

import com.o2cpulse.kpi.KpiRules;
import java.time.Duration;

/**
 * What the topology is a function of.
 *
 * @param kpiFlushInterval how often each task sends its pre-aggregated KPI deltas on (wall-clock)
 * @param slaCheckInterval how often, in stream time, shipped-not-invoiced shipments are checked against the SLA
 */
public record TopologySettings(Topics topics, KpiRules rules, Duration kpiFlushInterval, Duration slaCheckInterval) {

    public static final TopologySettings DEFAULT =
            new TopologySettings(Topics.DEFAULT, KpiRules.DEFAULT, Duration.ofMillis(100), Duration.ofMinutes(1));
}
