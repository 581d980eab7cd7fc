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

    /** The record for a key, or null (a tombstone) when every count of the total is zero. */
    public static SpecificRecord toRecord(KpiKey key, Tally total, Instant updatedAt) {
        if (total.isZero()) {
            return null;
        }
        return switch (key.family()) {
            case FILL_RATE -> fillRate(key, total, updatedAt);
            case BACKLOG -> backlog(key, total, updatedAt);
            case INVOICE_LATENCY -> invoiceLatency(key, total, updatedAt);
            case RECONCILIATION -> new ReconciliationKpi(key.type(), total.count(KpiFields.COUNT), updatedAt);
        };
    }

    private static FillRateKpi fillRate(KpiKey key, Tally total, Instant updatedAt) {
        long linesShipped = total.count(KpiFields.LINES_SHIPPED);
        long linesFilled = total.count(KpiFields.LINES_FILLED);
        long unitsOrdered = total.count(KpiFields.UNITS_ORDERED);
        long unitsFilled = total.count(KpiFields.UNITS_FILLED);
        long ordersShipped = total.count(KpiFields.ORDERS_SHIPPED);
        long ordersFilled = total.count(KpiFields.ORDERS_FILLED);
        return FillRateKpi.newBuilder()
                .setScope(key.scope()).setScopeValue(key.scopeValue()).setDay(key.day())
                .setLinesShipped(linesShipped).setLinesFilled(linesFilled)
                .setUnitsOrdered(unitsOrdered).setUnitsFilled(unitsFilled)
                .setOrdersShipped(ordersShipped).setOrdersFilled(ordersFilled)
                .setLineFillRate(rate(linesFilled, linesShipped))
                .setUnitFillRate(rate(unitsFilled, unitsOrdered))
                .setOrderFillRate(rate(ordersFilled, ordersShipped))
                .setUpdatedAt(updatedAt)
                .build();
    }

    private static BacklogKpi backlog(KpiKey key, Tally total, Instant updatedAt) {
        return BacklogKpi.newBuilder()
                .setScope(key.scope()).setScopeValue(key.scopeValue()).setDay(key.day()).setCurrency(key.currency())
                .setOpenOrders(total.count(KpiFields.OPEN_ORDERS))
                .setOpenLines(total.count(KpiFields.OPEN_LINES))
                .setOpenUnits(total.count(KpiFields.OPEN_UNITS))
                .setOpenValue(total.amount(KpiFields.OPEN_VALUE))
                .setBackorderedUnits(total.count(KpiFields.BACKORDERED_UNITS))
                .setUpdatedAt(updatedAt)
                .build();
    }

    private static InvoiceLatencyKpi invoiceLatency(KpiKey key, Tally total, Instant updatedAt) {
        Map<String, Long> histogram = new LinkedHashMap<>();
        total.histogram().forEach((bucket, n) -> histogram.put(Long.toString(bucket), n));
        return InvoiceLatencyKpi.newBuilder()
                .setScope(key.scope()).setScopeValue(key.scopeValue()).setDay(key.day())
                .setShipments(total.count(KpiFields.SHIPMENTS))
                .setInvoiced(total.count(KpiFields.INVOICED))
                .setNotInvoiced(total.count(KpiFields.NOT_INVOICED))
                .setOverSla(total.count(KpiFields.OVER_SLA))
                .setLatencySumSeconds(total.count(KpiFields.LATENCY_SUM_SECONDS))
                .setP50Seconds(LatencyHistogram.percentile(total.histogram(), 50))
                .setP90Seconds(LatencyHistogram.percentile(total.histogram(), 90))
                .setP99Seconds(LatencyHistogram.percentile(total.histogram(), 99))
                .setHistogram(histogram)
                .setUpdatedAt(updatedAt)
                .build();
    }

    private static Double rate(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
