package com.o2cpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ProbeDaysTest {

    @Test
    void aProbesDayLeadsBackToTheProbeInEveryKpiKeyShape() {
        LocalDate day = ProbeDays.dayOf(41);

        assertThat(ProbeDays.probeOf("all=*|day=" + day + "|currency=EUR")).hasValue(41);
        assertThat(ProbeDays.probeOf("channel=ECOMMERCE|day=" + day)).hasValue(41);
        assertThat(ProbeDays.probeOf("day=" + ProbeDays.dayOf(0))).hasValue(0);
    }

    @Test
    void simulatedDaysAndKeysWithoutADayAreNoProbes() {
        assertThat(ProbeDays.probeOf("all=*|day=2026-12-01|currency=EUR")).isEmpty();
        assertThat(ProbeDays.probeOf("type=OVER_INVOICED")).isEmpty();
        assertThat(ProbeDays.probeOf("all=*|day=1970-12-31")).isEmpty();
        assertThat(ProbeDays.probeOf("all=*|weekday=1971-01-02")).isEmpty();
        assertThat(ProbeDays.probeOf("all=*|day=1971-13-40")).isEmpty();
        assertThat(ProbeDays.probeOf(null)).isEmpty();
    }

    @Test
    void probeIndicesAreBounded() {
        assertThat(ProbeDays.dayOf(ProbeDays.MAX_PROBES - 1)).isBefore(LocalDate.of(2000, 1, 1));
        assertThatThrownBy(() -> ProbeDays.dayOf(ProbeDays.MAX_PROBES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProbeDays.dayOf(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
