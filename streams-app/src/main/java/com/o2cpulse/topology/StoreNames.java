package com.o2cpulse.topology;

/** State store names, shared by the topology and interactive queries. */
public final class StoreNames {

    /** correlationId → the order's de-duplicated events. */
    public static final String LIFECYCLES = "order-lifecycles";
    /** KPI store key → summed contribution deltas not yet sent downstream (per-task pre-aggregation). */
    public static final String PENDING_DELTAS = "pending-kpi-deltas";
    /** SLA deadline|correlationId|shipment eventId → correlationId, for shipped-not-invoiced alerts. */
    public static final String SLA_WATCH = "invoice-sla-watch";
    /** KPI store key ({@code <kpi>/<key>}) → the KPI's running total. */
    public static final String KPI_TOTALS = "kpi-totals";

    private StoreNames() {
    }
}
