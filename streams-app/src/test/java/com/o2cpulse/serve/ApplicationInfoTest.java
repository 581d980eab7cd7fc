package com.o2cpulse.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.o2cpulse.kpi.KpiRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ApplicationInfoTest {

    @Test
    void namesTheBuildTheKpiDefinitionsTheBusinessZoneTheSlaAndTodayInTheBusinessZone() {
        KpiRules berlin = new KpiRules(ZoneId.of("Europe/Berlin"), Duration.ofHours(36));
        Clock lateEveningUtc = Clock.fixed(Instant.parse("2026-12-01T23:30:00Z"), ZoneOffset.UTC);

        JsonNode info = new ApplicationInfo("1.2.3", berlin, lateEveningUtc).reply().json();

        assertThat(info.path("application").asText()).isEqualTo("o2c-pulse");
        assertThat(info.path("version").asText()).isEqualTo("1.2.3");
        assertThat(info.path("kpiDefinitions").asText()).isEqualTo("KPI-SPEC v1");
        assertThat(info.path("businessZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(info.path("invoiceSla").asText()).isEqualTo("PT36H");
        assertThat(info.path("invoiceSlaSeconds").asLong()).isEqualTo(129_600);
        assertThat(info.path("businessToday").asText()).as("00:30 in Berlin").isEqualTo("2026-12-02");
    }
}
