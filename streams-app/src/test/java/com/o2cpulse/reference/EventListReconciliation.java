package com.o2cpulse.reference;

import com.o2cpulse.kpi.Finding;
import com.o2cpulse.kpi.ReconciliationType;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.OrderLine;
import com.o2cpulse.schema.events.ShipmentEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Finds the reconciliation exceptions open on one order, as a function of its events. */
public final class EventListReconciliation {

    private EventListReconciliation() {
    }

    /** The findings in label order, so that the order status is the same whatever order the events arrived in. */
    public static List<Finding> findings(EventListLifecycle order) {
        List<Finding> findings = unordered(order);
        findings.sort(Comparator.comparing(Finding::label));
        return findings;
    }

    private static List<Finding> unordered(EventListLifecycle order) {
        List<Finding> findings = new ArrayList<>();
        if (!order.isKnown()) {
            order.allocations().forEach(a -> findings.add(orphan("allocation", a.getEventId())));
            order.shipments().forEach(s -> findings.add(orphan("shipment", s.getEventId())));
            order.invoices().forEach(i -> findings.add(orphan("invoice", i.getEventId())));
            return findings;
        }
        List<OrderLine> lines = order.lines();
        for (OrderLine line : lines) {
            long shipped = order.shipped(line.getLineId());
            long invoiced = order.invoiced(line.getLineId());
            if (shipped > line.getQuantity()) {
                findings.add(new Finding(ReconciliationType.OVER_SHIPPED_LINE, "line=" + line.getLineId(),
                        "line " + line.getLineId() + " shipped " + shipped + " of " + line.getQuantity() + " ordered"));
            }
            if (invoiced > shipped) {
                findings.add(new Finding(ReconciliationType.OVER_INVOICED_LINE, "line=" + line.getLineId(),
                        "line " + line.getLineId() + " invoiced " + invoiced + " but shipped " + shipped));
            }
        }
        Set<String> lineIds = lines.stream().map(OrderLine::getLineId).collect(Collectors.toSet());
        for (String referenced : order.referencedLineIds()) {
            if (!lineIds.contains(referenced)) {
                findings.add(new Finding(ReconciliationType.UNKNOWN_LINE, "line=" + referenced,
                        "line " + referenced + " is not in the order version"));
            }
        }
        Set<String> shipmentIds = order.shipments().stream().map(ShipmentEvent::getShipmentId).collect(Collectors.toSet());
        for (InvoiceEvent invoice : order.invoices()) {
            if (invoice.getShipmentId() == null || !shipmentIds.contains(invoice.getShipmentId())) {
                findings.add(new Finding(ReconciliationType.INVOICE_WITHOUT_SHIPMENT, "invoice=" + invoice.getEventId(),
                        "invoice " + invoice.getInvoiceId() + " names shipment " + invoice.getShipmentId() + ", which the order does not have"));
            }
        }
        for (ShipmentEvent shipment : order.shipments()) {
            Optional<InvoiceEvent> first = order.firstInvoiceOf(shipment);
            if (first.isPresent() && first.get().getEventTime().isBefore(shipment.getEventTime())) {
                findings.add(new Finding(ReconciliationType.INVOICED_BEFORE_SHIPPED, "shipment=" + shipment.getEventId(),
                        "shipment " + shipment.getShipmentId() + " at " + shipment.getEventTime() + " was invoiced earlier by "
                                + first.get().getInvoiceId() + " at " + first.get().getEventTime()));
            }
        }
        return findings;
    }

    private static Finding orphan(String stream, String eventId) {
        return new Finding(ReconciliationType.ORPHAN_EVENT, stream + "=" + eventId,
                stream + " event " + eventId + " waits for its order");
    }
}
