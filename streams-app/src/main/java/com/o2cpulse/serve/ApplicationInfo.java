package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.kpi.KpiRules;
import java.time.Clock;
import java.time.LocalDate;

/**
 * {@code GET /api/info}: what a reader needs to interpret the figures: which build computed them under which KPI
 * definitions, in which business time zone with which invoice SLA, and which business day is today by the clock.
 */
final class ApplicationInfo {

    /** The KPI contract the figures implement; its interpretations are in topology-docs/KPI-DEFINITIONS.md. */
    static final String KPI_DEFINITIONS = "KPI-SPEC v1";

    private final String version;
    private final KpiRules rules;
    private final Clock clock;

    ApplicationInfo(String version, KpiRules rules, Clock clock) {
        this.version = version;
        this.rules = rules;
        this.clock = clock;
    }

    Reply reply() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("application", "o2c-pulse");
        body.put("version", version);
        body.put("kpiDefinitions", KPI_DEFINITIONS);
        body.put("businessZone", rules.businessZone().getId());
        body.put("invoiceSla", rules.invoiceSla().toString());
        body.put("invoiceSlaSeconds", rules.invoiceSla().toSeconds());
        body.put("businessToday", LocalDate.ofInstant(clock.instant(), rules.businessZone()).toString());
        return Reply.ok(body);
    }
}
