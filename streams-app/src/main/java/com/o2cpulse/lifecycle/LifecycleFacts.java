package com.o2cpulse.lifecycle;

import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.schema.events.ShipmentEvent;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;

/** Reduces a decoded, validated input event to its {@link LifecycleFact}. */
public final class LifecycleFacts {

    private LifecycleFacts() {
    }

    public static LifecycleFact of(SpecificRecordBase event) {
        if (event instanceof OrderEvent order) {
            List<VersionLine> lines = order.getLines().stream()
                    .map(l -> new VersionLine(l.getLineId(), l.getSku(), l.getQuantity(), l.getUnitPrice())).toList();
            return new OrderFact(order.getEventId(), order.getCorrelationId(), order.getEventTime(),
                    order.getEventType() == OrderEventType.CANCELLED, order.getChannel(), order.getCustomerId(),
                    order.getCurrency(), lines);
        }
        if (event instanceof AllocationEvent allocation) {
            return new AllocationFact(allocation.getEventId(), allocation.getCorrelationId(), allocation.getEventTime(),
                    allocation.getLines().stream()
                            .map(l -> new AllocationFact.AllocationLine(l.getLineId(), l.getAllocated(), l.getBackordered())).toList());
        }
        if (event instanceof ShipmentEvent shipment) {
            return new ShipmentFact(shipment.getEventId(), shipment.getCorrelationId(), shipment.getEventTime(),
                    shipment.getShipmentId(), shipment.getWarehouseId(),
                    shipment.getLines().stream().map(l -> new LineQuantity(l.getLineId(), l.getQuantity())).toList());
        }
        if (event instanceof InvoiceEvent invoice) {
            return new InvoiceFact(invoice.getEventId(), invoice.getCorrelationId(), invoice.getEventTime(),
                    invoice.getInvoiceId(), invoice.getShipmentId(),
                    invoice.getLines().stream().map(l -> new LineQuantity(l.getLineId(), l.getQuantity())).toList());
        }
        throw new IllegalArgumentException("not an input event: " + event.getClass().getName());
    }
}
