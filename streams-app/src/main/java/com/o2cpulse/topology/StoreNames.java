package com.o2cpulse.topology;

/** State store names, shared by the topology and interactive queries. */
public final class StoreNames {

    /** correlationId → the order's {@link com.o2cpulse.lifecycle.OrderState}. */
    public static final String ORDER_STATES = "order-states";
    /** KPI store key → summed contribution deltas not yet sent downstream (per-task pre-aggregation). */
    public static final String PENDING_DELTAS = "pending-kpi-deltas";
    /** correlationId → nothing: orders whose status changed since the last flush. */
    public static final String PENDING_STATUS = "pending-order-status";
    /** SLA deadline|correlationId|shipment eventId → correlationId, for shipped-not-invoiced alerts. */
    public static final String SLA_WATCH = "invoice-sla-watch";
    /** correlationId → when and why the order was retired (a marker kept for the marker period). */
    public static final String RETIRED_ORDERS = "retired-orders";
    /** {@code o|<hour>|<correlationId>} and {@code m|<hour>|<correlationId>} → correlationId: when orders retire and markers expire. */
    public static final String RETENTION_INDEX = "retention-index";
    /** KPI store key ({@code <kpi>/<key>}) → the KPI's running total. */
    public static final String KPI_TOTALS = "kpi-totals";
    /** The lifecycle store of release 0.1 (Avro event lists); its changelog marks state this release does not read. */
    public static final String RELEASE_0_1_LIFECYCLES = "order-lifecycles";

    private StoreNames() {
    }
}
