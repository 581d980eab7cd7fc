package com.o2cpulse.reference;

/** Release 0.1's names of the counted fields (the KPI records' Avro field names), for its tally-based reference. */
public final class KpiFields {

    public static final String LINES_SHIPPED = "linesShipped";
    public static final String LINES_FILLED = "linesFilled";
    public static final String UNITS_ORDERED = "unitsOrdered";
    public static final String UNITS_FILLED = "unitsFilled";
    public static final String ORDERS_SHIPPED = "ordersShipped";
    public static final String ORDERS_FILLED = "ordersFilled";

    public static final String OPEN_ORDERS = "openOrders";
    public static final String OPEN_LINES = "openLines";
    public static final String OPEN_UNITS = "openUnits";
    public static final String OPEN_VALUE = "openValue";
    public static final String BACKORDERED_UNITS = "backorderedUnits";

    public static final String SHIPMENTS = "shipments";
    public static final String INVOICED = "invoiced";
    public static final String NOT_INVOICED = "notInvoiced";
    public static final String OVER_SLA = "overSla";
    public static final String LATENCY_SUM_SECONDS = "latencySumSeconds";

    public static final String COUNT = "count";

    private KpiFields() {
    }
}
