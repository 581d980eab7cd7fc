package com.o2cpulse.kpi;

/**
 * One reconciliation exception open on an order. {@code subject} identifies it within the order
 * ({@code line=2}, {@code shipment=<eventId>}, ...), so the same exception found twice is one finding.
 */
public record Finding(ReconciliationType type, String subject, String detail) {

    /** The form used in order status: {@code TYPE:subject}. */
    public String label() {
        return type + ":" + subject;
    }
}
