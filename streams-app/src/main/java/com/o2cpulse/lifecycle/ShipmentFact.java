package com.o2cpulse.lifecycle;

import java.time.Instant;
import java.util.List;

/** A shipment: units per line that left a warehouse at one time. */
public record ShipmentFact(String eventId, String correlationId, Instant eventTime, String shipmentId, String warehouseId,
                           List<LineQuantity> lines) implements LifecycleFact {

    public ShipmentFact {
        lines = List.copyOf(lines);
    }

    @Override
    public EventStream stream() {
        return EventStream.SHIPMENT;
    }
}
