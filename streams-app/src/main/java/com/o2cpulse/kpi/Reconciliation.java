package com.o2cpulse.kpi;

import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.lifecycle.OrderState.Invoice;
import com.o2cpulse.lifecycle.OrderState.Shipment;
import com.o2cpulse.lifecycle.VersionLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finds the reconciliation exceptions open on one order, as a function of its state. */
public final class Reconciliation {

    private static final Comparator<Finding> LABEL_ORDER = Comparator.comparing(Finding::label);

    private Reconciliation() {
    }

    /** The findings in label order, so that the order status is the same whatever order the events arrived in. */
    public static List<Finding> findings(OrderState order) {
        List<Finding> findings = unordered(order);
        if (findings.size() > 1) {
            findings.sort(LABEL_ORDER);
        }
        return findings;
    }

    private static List<Finding> unordered(OrderState order) {
        List<Finding> findings = new ArrayList<>();
        if (!order.isKnown()) {
            order.allocationEventIds().forEach(eventId -> findings.add(orphan("allocation", eventId)));
            order.shipments().forEach(s -> findings.add(orphan("shipment", s.eventId())));
            order.invoices().forEach(i -> findings.add(orphan("invoice", i.eventId())));
            return findings;
        }
        List<VersionLine> lines = order.lines();
        for (VersionLine line : lines) {
            long shipped = order.shipped(line.lineId());
            long invoiced = order.invoiced(line.lineId());
            if (shipped > line.quantity()) {
                findings.add(new Finding(ReconciliationType.OVER_SHIPPED_LINE, "line=" + line.lineId(),
                        "line " + line.lineId() + " shipped " + shipped + " of " + line.quantity() + " ordered"));
            }
            if (invoiced > shipped) {
                findings.add(new Finding(ReconciliationType.OVER_INVOICED_LINE, "line=" + line.lineId(),
                        "line " + line.lineId() + " invoiced " + invoiced + " but shipped " + shipped));
            }
        }
        for (String referenced : order.referencedLineIds()) {
            if (!isLineOf(lines, referenced)) {
                findings.add(new Finding(ReconciliationType.UNKNOWN_LINE, "line=" + referenced,
                        "line " + referenced + " is not in the order version"));
            }
        }
        for (Invoice invoice : order.invoices()) {
            if (invoice.shipmentId() == null || !hasShipment(order, invoice.shipmentId())) {
                findings.add(new Finding(ReconciliationType.INVOICE_WITHOUT_SHIPMENT, "invoice=" + invoice.eventId(),
                        "invoice " + invoice.invoiceId() + " names shipment " + invoice.shipmentId() + ", which the order does not have"));
            }
        }
        for (Shipment shipment : order.shipments()) {
            Optional<Invoice> first = order.firstInvoiceOf(shipment);
            if (first.isPresent() && first.get().eventTime().isBefore(shipment.eventTime())) {
                findings.add(new Finding(ReconciliationType.INVOICED_BEFORE_SHIPPED, "shipment=" + shipment.eventId(),
                        "shipment " + shipment.shipmentId() + " at " + shipment.eventTime() + " was invoiced earlier by "
                                + first.get().invoiceId() + " at " + first.get().eventTime()));
            }
        }
        return findings;
    }

    /** Orders have a handful of lines and shipments: a scan beats building a set twice per event. */
    private static boolean isLineOf(List<VersionLine> lines, String lineId) {
        for (VersionLine line : lines) {
            if (line.lineId().equals(lineId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasShipment(OrderState order, String shipmentId) {
        for (Shipment shipment : order.shipments()) {
            if (shipment.shipmentId().equals(shipmentId)) {
                return true;
            }
        }
        return false;
    }

    private static Finding orphan(String stream, String eventId) {
        return new Finding(ReconciliationType.ORPHAN_EVENT, stream + "=" + eventId,
                stream + " event " + eventId + " waits for its order");
    }
}
