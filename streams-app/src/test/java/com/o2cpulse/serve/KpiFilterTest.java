package com.o2cpulse.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.ReconciliationType;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KpiFilterTest {

    private static KpiFilter parse(String kpi, Map<String, String> params) {
        return KpiFilter.parse(kpi, params::get);
    }

    private static final KpiKey EDI_21ST = KpiKey.scoped(KpiFamily.FILL_RATE, "channel", "EDI", LocalDate.parse("2026-11-21"));

    @Test
    void noParametersMatchEveryKeyOfTheKpi() {
        KpiFilter filter = parse("fill-rate", Map.of());

        assertThat(filter.matches(EDI_21ST)).isTrue();
        assertThat(filter.matches(KpiKey.backlog("all", "*", LocalDate.parse("2026-11-21"), "USD"))).isFalse();
    }

    @Test
    void dayRangeIsInclusiveOnBothEnds() {
        assertThat(parse("fill-rate", Map.of("from", "2026-11-21", "to", "2026-11-21")).matches(EDI_21ST)).isTrue();
        assertThat(parse("fill-rate", Map.of("from", "2026-11-22")).matches(EDI_21ST)).isFalse();
        assertThat(parse("fill-rate", Map.of("to", "2026-11-20")).matches(EDI_21ST)).isFalse();
    }

    @Test
    void scopeAndScopeValueSelectKeys() {
        assertThat(parse("fill-rate", Map.of("scope", "channel", "scopeValue", "EDI")).matches(EDI_21ST)).isTrue();
        assertThat(parse("fill-rate", Map.of("scope", "warehouse")).matches(EDI_21ST)).isFalse();
        assertThat(parse("fill-rate", Map.of("scope", "channel", "scopeValue", "WEB")).matches(EDI_21ST)).isFalse();
    }

    @Test
    void backlogIsSelectedByCurrency() {
        KpiFilter euro = parse("backlog", Map.of("currency", "EUR"));

        assertThat(euro.matches(KpiKey.backlog("all", "*", LocalDate.parse("2026-11-21"), "EUR"))).isTrue();
        assertThat(euro.matches(KpiKey.backlog("all", "*", LocalDate.parse("2026-11-21"), "USD"))).isFalse();
    }

    @Test
    void reconciliationKeysHaveNoScopeOrDayToFilterOn() {
        KpiFilter filter = parse("reconciliation", Map.of("scope", "all", "from", "2026-11-21"));

        assertThat(filter.matches(KpiKey.reconciliation(ReconciliationType.ORPHAN_EVENT))).isTrue();
    }

    @Test
    void badParametersAreBadRequests() {
        assertBadRequest("margin", Map.of(), "unknown KPI");
        assertBadRequest("fill-rate", Map.of("scope", "region"), "unknown scope");
        assertBadRequest("fill-rate", Map.of("from", "2026-13-01"), "YYYY-MM-DD");
        assertBadRequest("fill-rate", Map.of("from", "2026-11-22", "to", "2026-11-21"), "after");
        assertBadRequest("fill-rate", Map.of("currency", "USD"), "only backlog");
    }

    @Test
    void queryStringCarriesTheSameFilterToOtherInstances() {
        KpiFilter filter = parse("backlog", Map.of("scope", "channel", "scopeValue", "A B", "from", "2026-11-20",
                "currency", "USD"));

        assertThat(filter.queryString()).isEqualTo("scope=channel&scopeValue=A+B&from=2026-11-20&currency=USD");
        Map<String, String> decoded = Map.of("scope", "channel", "scopeValue", "A B", "from", "2026-11-20", "currency", "USD");
        assertThat(parse("backlog", decoded)).isEqualTo(filter);
    }

    private static void assertBadRequest(String kpi, Map<String, String> params, String message) {
        assertThatThrownBy(() -> parse(kpi, params))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(message);
    }
}
