package com.o2cpulse.reference;

import com.o2cpulse.kpi.BacklogTotal;
import com.o2cpulse.kpi.FillRateTotal;
import com.o2cpulse.kpi.InvoiceLatencyTotal;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiTotal;
import com.o2cpulse.kpi.LatencyHistogram;
import com.o2cpulse.kpi.ReconciliationTotal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads a typed KPI total as release 0.1's named-field {@link Tally}, to compare the two derivations field by field. */
public final class TotalsAsTally {

    private TotalsAsTally() {
    }

    public static Tally of(KpiTotal total) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (total instanceof FillRateTotal f) {
            counts.put(KpiFields.LINES_SHIPPED, f.linesShipped());
            counts.put(KpiFields.LINES_FILLED, f.linesFilled());
            counts.put(KpiFields.UNITS_ORDERED, f.unitsOrdered());
            counts.put(KpiFields.UNITS_FILLED, f.unitsFilled());
            counts.put(KpiFields.ORDERS_SHIPPED, f.ordersShipped());
            counts.put(KpiFields.ORDERS_FILLED, f.ordersFilled());
            return Tally.of(counts, Map.of(), Map.of());
        }
        if (total instanceof BacklogTotal b) {
            counts.put(KpiFields.OPEN_ORDERS, b.openOrders());
            counts.put(KpiFields.OPEN_LINES, b.openLines());
            counts.put(KpiFields.OPEN_UNITS, b.openUnits());
            counts.put(KpiFields.BACKORDERED_UNITS, b.backorderedUnits());
            return Tally.of(counts, Map.of(KpiFields.OPEN_VALUE, b.openValue()), Map.of());
        }
        if (total instanceof InvoiceLatencyTotal l) {
            counts.put(KpiFields.SHIPMENTS, l.shipments());
            counts.put(KpiFields.INVOICED, l.invoiced());
            counts.put(KpiFields.NOT_INVOICED, l.notInvoiced());
            counts.put(KpiFields.OVER_SLA, l.overSla());
            counts.put(KpiFields.LATENCY_SUM_SECONDS, l.latencySumSeconds());
            Map<Long, Long> histogram = new TreeMap<>();
            LatencyHistogram h = l.histogram();
            for (int i = 0; i < h.size(); i++) {
                histogram.put(h.bucket(i), h.count(i));
            }
            return Tally.of(counts, Map.of(), histogram);
        }
        counts.put(KpiFields.COUNT, ((ReconciliationTotal) total).count());
        return Tally.of(counts, Map.of(), Map.of());
    }

    /** Contributions by store key, as tallies; zero totals are absent, as zero tallies were. */
    public static Map<String, Tally> byStoreKey(Map<KpiKey, ? extends KpiTotal> totals) {
        Map<String, Tally> result = new TreeMap<>();
        totals.forEach((key, total) -> {
            Tally tally = of(total);
            if (!tally.isZero()) {
                result.put(key.storeKey(), tally);
            }
        });
        return result;
    }

    /** Release 0.1's contributions by store key. */
    public static Map<String, Tally> referenceByStoreKey(Map<KpiKey, Tally> tallies) {
        Map<String, Tally> result = new TreeMap<>();
        new HashMap<>(tallies).forEach((key, tally) -> {
            if (!tally.isZero()) {
                result.put(key.storeKey(), tally);
            }
        });
        return result;
    }
}
