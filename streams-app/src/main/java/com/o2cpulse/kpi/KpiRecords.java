package com.o2cpulse.kpi;

import com.o2cpulse.schema.kpi.BacklogKpi;
import com.o2cpulse.schema.kpi.FillRateKpi;
import com.o2cpulse.schema.kpi.InvoiceLatencyKpi;
import com.o2cpulse.schema.kpi.ReconciliationKpi;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Turns the running total of a KPI key into the record published for it, with its derived rates and percentiles. */
public final class KpiRecords {

    private KpiRecords() {
    }

    /** The record for a key, or null (a tombstone) when there is no total or it is zero. */
    public static SpecificRecord toRecord(KpiKey key, KpiTotal total, Instant updatedAt) {
        if (total == null || total.isZero()) {
            return null;
        }
        if (total.family() != key.family()) {
            throw new IllegalArgumentException("a " + total.family() + " total for key " + key.storeKey());
        }
        if (total instanceof FillRateTotal fillRate) {
            return fillRate(key, fillRate, updatedAt);
        }
        if (total instanceof BacklogTotal backlog) {
            return backlog(key, backlog, updatedAt);
        }
        if (total instanceof InvoiceLatencyTotal latency) {
            return invoiceLatency(key, latency, updatedAt);
        }
        return new ReconciliationKpi(key.type(), ((ReconciliationTotal) total).count(), updatedAt);
    }

    private static FillRateKpi fillRate(KpiKey key, FillRateTotal total, Instant updatedAt) {
        return FillRateKpi.newBuilder()
                .setScope(key.scope()).setScopeValue(key.scopeValue()).setDay(key.day())
                .setLinesShipped(total.linesShipped()).setLinesFilled(total.linesFilled())
                .setUnitsOrdered(total.unitsOrdered()).setUnitsFilled(total.unitsFilled())
                .setOrdersShipped(total.ordersShipped()).setOrdersFilled(total.ordersFilled())
                .setLineFillRate(rate(total.linesFilled(), total.linesShipped()))
                .setUnitFillRate(rate(total.unitsFilled(), total.unitsOrdered()))
                .setOrderFillRate(rate(total.ordersFilled(), total.ordersShipped()))
                .setUpdatedAt(updatedAt)
                .build();
    }

    private static BacklogKpi backlog(KpiKey key, BacklogTotal total, Instant updatedAt) {
        return BacklogKpi.newBuilder()
                .setScope(key.scope()).setScopeValue(key.scopeValue()).setDay(key.day()).setCurrency(key.currency())
                .setOpenOrders(total.openOrders())
                .setOpenLines(total.openLines())
                .setOpenUnits(total.openUnits())
                .setOpenValue(total.openValue())
                .setBackorderedUnits(total.backorderedUnits())
                .setUpdatedAt(updatedAt)
                .build();
    }

    private static InvoiceLatencyKpi invoiceLatency(KpiKey key, InvoiceLatencyTotal total, Instant updatedAt) {
        LatencyHistogram buckets = total.histogram();
        Map<String, Long> histogram = new LinkedHashMap<>(buckets.size() * 2);
        for (int i = 0; i < buckets.size(); i++) {
            histogram.put(Long.toString(buckets.bucket(i)), buckets.count(i));
        }
        Long[] percentiles = buckets.percentiles(50, 90, 99);
        return InvoiceLatencyKpi.newBuilder()
                .setScope(key.scope()).setScopeValue(key.scopeValue()).setDay(key.day())
                .setShipments(total.shipments())
                .setInvoiced(total.invoiced())
                .setNotInvoiced(total.notInvoiced())
                .setOverSla(total.overSla())
                .setLatencySumSeconds(total.latencySumSeconds())
                .setP50Seconds(percentiles[0])
                .setP90Seconds(percentiles[1])
                .setP99Seconds(percentiles[2])
                .setHistogram(histogram)
                .setUpdatedAt(updatedAt)
                .build();
    }

    private static Double rate(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
