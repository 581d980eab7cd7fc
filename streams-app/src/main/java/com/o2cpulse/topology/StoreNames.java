package com.o2cpulse.topology;

/** State store names, shared by the topology and interactive queries. */
public final class StoreNames {

    /** correlationId → the order's {@link com.o2cpulse.lifecycle.OrderState}. */
    public static final String ORDER_STATES = "order-states";
    /** correlationId → the order's KPI deltas not yet sent downstream; its status is due at the next flush. */
    public static final String PENDING_CHANGES = "pending-order-changes";
    /** Earlier 0.2 builds' per-task KPI deltas by KPI store key: read and emptied once after an upgrade, never written. */
    public static final String LEGACY_PENDING_DELTAS = "pending-kpi-deltas";
    /** Earlier 0.2 builds' status marks by correlationId: read and emptied once after an upgrade, never written. */
    public static final String LEGACY_PENDING_STATUS = "pending-order-status";
    /** SLA deadline|correlationId|shipment eventId → correlationId, for shipped-not-invoiced alerts. */
    public static final String SLA_WATCH = "invoice-sla-watch";
    /** correlationId → when and why the order was retired (a marker kept for the marker period). */
    public static final String RETIRED_ORDERS = "retired-orders";
    /** {@code o|<day>|<correlationId>} and {@code m|<day>|<correlationId>} → correlationId: when orders retire and markers expire. */
    public static final String RETENTION_INDEX = "retention-index";
    /** Holds nothing: runs the lifecycle processor's step before each commit of its task ({@link BeforeCommit}). */
    public static final String BEFORE_COMMIT = "before-commit";
    /** KPI store key ({@code <kpi>/<key>}) → the KPI's running total. */
    public static final String KPI_TOTALS = "kpi-totals";
    /** The lifecycle store of release 0.1 (Avro event lists); its changelog marks state this release does not read. */
    public static final String RELEASE_0_1_LIFECYCLES = "order-lifecycles";

    private StoreNames() {
    }
}
