package com.o2cpulse.lifecycle;

import java.time.Instant;
import java.util.List;

/** An invoice: units per line billed for the shipment it names (shipmentId may be null). */
public record InvoiceFact(String eventId, String correlationId, Instant eventTime, String invoiceId, String shipmentId,
                          List<LineQuantity> lines) implements LifecycleFact {

    public InvoiceFact {
        lines = List.copyOf(lines);
    }

    @Override
    public EventStream stream() {
        return EventStream.INVOICE;
    }
}
