package com.o2cpulse.kpi;

import java.util.Arrays;

/** The KPI topics; each KPI key belongs to one. */
public enum KpiFamily {
    FILL_RATE("fill-rate"),
    BACKLOG("backlog"),
    INVOICE_LATENCY("invoice-latency"),
    RECONCILIATION("reconciliation");

    private final String id;

    KpiFamily(String id) {
        this.id = id;
    }

    /** The name in topic names ({@code o2c.kpi.<id>}) and HTTP paths. */
    public String id() {
        return id;
    }

    public static KpiFamily byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown KPI '" + id + "'; known: fill-rate, backlog, invoice-latency, reconciliation"));
    }
}
