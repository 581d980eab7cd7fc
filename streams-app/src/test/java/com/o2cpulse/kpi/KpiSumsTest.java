package com.o2cpulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KpiSumsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-30");
    private static final List<KpiKey> KEYS = List.of(
            KpiKey.scoped(KpiFamily.INVOICE_LATENCY, KpiKey.ALL, "*", DAY),
            KpiKey.scoped(KpiFamily.INVOICE_LATENCY, KpiKey.CHANNEL, "EDI", DAY),
            KpiKey.scoped(KpiFamily.FILL_RATE, KpiKey.ALL, "*", DAY),
            KpiKey.reconciliation(ReconciliationType.ORPHAN_EVENT));

    /** A random delta of the key's family: one order's contribution, or its retraction. */
    private static KpiTotal delta(KpiKey key, Random random) {
        KpiTotal total = switch (key.family()) {
            case INVOICE_LATENCY -> switch (random.nextInt(3)) {
                case 0 -> InvoiceLatencyTotal.notInvoicedShipment();
                case 1 -> InvoiceLatencyTotal.invoicedBeforeShipped();
                default -> InvoiceLatencyTotal.invoicedShipment(random.nextInt(5) * 997L + random.nextInt(3), random.nextBoolean());
            };
            case FILL_RATE -> FillRateTotal.line(1 + random.nextInt(4), random.nextInt(5));
            default -> ReconciliationTotal.ONE;
        };
        return random.nextInt(3) == 0 ? total.negate() : total;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void sumsEqualTheImmutableTotalsAddedOneByOne(long seed) {
        Random random = new Random(seed);
        List<Map.Entry<KpiKey, KpiTotal>> deltas = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            KpiKey key = KEYS.get(random.nextInt(KEYS.size()));
            KpiTotal delta = delta(key, random);
            deltas.add(Map.entry(key, delta));
            // Retract some again, so that buckets and whole sums go back to zero.
            if (random.nextInt(4) == 0) {
                deltas.add(Map.entry(key, delta.negate()));
            }
        }
        KpiSums sums = new KpiSums();
        Map<KpiKey, KpiTotal> expected = new HashMap<>();
        for (Map.Entry<KpiKey, KpiTotal> delta : deltas) {
            sums.add(delta.getKey(), delta.getValue());
            if (expected.merge(delta.getKey(), delta.getValue(), KpiTotal::plus).isZero()) {
                expected.remove(delta.getKey());
            }
        }

        assertThat(sums.nonZero()).isEqualTo(expected);
    }

    @Test
    void aSumBackAtZeroIsLeftOut() {
        KpiSums sums = new KpiSums();
        KpiTotal latency = InvoiceLatencyTotal.invoicedShipment(3600, false);
        sums.add(KEYS.get(0), latency);
        sums.add(KEYS.get(3), ReconciliationTotal.ONE);
        sums.add(KEYS.get(0), latency.negate());
        sums.add(KEYS.get(3), ReconciliationTotal.ONE.negate());

        assertThat(sums.nonZero()).isEmpty();
    }

    @Test
    void anOverflowThrowsInsteadOfWrapping() {
        KpiSums sums = new KpiSums();
        sums.add(KEYS.get(0), new InvoiceLatencyTotal(Long.MAX_VALUE, 0, 0, 0, 0, LatencyHistogram.EMPTY));

        assertThatThrownBy(() -> sums.add(KEYS.get(0), InvoiceLatencyTotal.notInvoicedShipment())).isInstanceOf(ArithmeticException.class);
    }
}
