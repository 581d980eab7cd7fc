package com.o2cpulse.topology;

import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.lifecycle.Retention;
import java.time.Duration;
import java.util.Optional;

/**
 * What the topology is a function of.
 *
 * @param kpiFlushInterval how often each task sends its pre-aggregated KPI deltas on (wall-clock)
 * @param slaCheckInterval how often, in stream time, shipped-not-invoiced shipments are checked against the SLA
 * @param stores           where the order, SLA and KPI-total stores keep their data
 * @param retention        when order states are retired; empty keeps every order for ever
 */
public record TopologySettings(Topics topics, KpiRules rules, Duration kpiFlushInterval, Duration slaCheckInterval, StoreKind stores,
                               Optional<Retention> retention) {

    /**
     * RocksDB with changelogs for a running application; in memory without changelogs for an in-process replay,
     * which commits after every record (a RocksDB flush each time) and keeps nothing once it ends.
     */
    public enum StoreKind { PERSISTENT, IN_MEMORY }

    public static final TopologySettings DEFAULT =
            new TopologySettings(Topics.DEFAULT, KpiRules.DEFAULT, Duration.ofMillis(100), Duration.ofMinutes(1)).withRetention(Retention.DEFAULT);

    public TopologySettings(Topics topics, KpiRules rules, Duration kpiFlushInterval, Duration slaCheckInterval) {
        this(topics, rules, kpiFlushInterval, slaCheckInterval, StoreKind.PERSISTENT, Optional.empty());
    }

    public TopologySettings withInMemoryStores() {
        return new TopologySettings(topics, rules, kpiFlushInterval, slaCheckInterval, StoreKind.IN_MEMORY, retention);
    }

    public TopologySettings withTopics(Topics topics) {
        return new TopologySettings(topics, rules, kpiFlushInterval, slaCheckInterval, stores, retention);
    }

    public TopologySettings withRetention(Retention retention) {
        return new TopologySettings(topics, rules, kpiFlushInterval, slaCheckInterval, stores, Optional.of(retention));
    }
}
