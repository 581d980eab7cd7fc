package com.o2cpulse.kpi;

/** The reconciliation exceptions counted in {@code o2c.kpi.reconciliation}. */
public enum ReconciliationType {
    ORPHAN_EVENT,
    OVER_SHIPPED_LINE,
    OVER_INVOICED_LINE,
    UNKNOWN_LINE,
    INVOICE_WITHOUT_SHIPMENT,
    INVOICED_BEFORE_SHIPPED
}
