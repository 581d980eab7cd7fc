package com.o2cpulse.reference;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.AllocationLine;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.InvoiceLine;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.schema.events.OrderLine;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.events.ShipmentLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Release 0.1's derivation, kept as the reference the order-state fold is tested against: the de-duplicated
 * events of one correlationId and the lifecycle facts derived from them.
 * Every fact is a function of the event set alone, so arrival order never matters.
 */
public final class EventListLifecycle {

    /** Shipments are ordered by (eventTime, shipmentId); eventId settles the rest so the order is total. */
    public static final Comparator<ShipmentEvent> SHIPMENT_ORDER = Comparator
            .comparing(ShipmentEvent::getEventTime)
            .thenComparing(ShipmentEvent::getShipmentId)
            .thenComparing(ShipmentEvent::getEventId);

    /** Invoices are ordered by (eventTime, invoiceId), eventId last. */
    public static final Comparator<InvoiceEvent> INVOICE_ORDER = Comparator
            .comparing(InvoiceEvent::getEventTime)
            .thenComparing(InvoiceEvent::getInvoiceId)
            .thenComparing(InvoiceEvent::getEventId);

    /** The order version is the PLACED or AMENDED event with the greatest (eventTime, eventId). */
    private static final Comparator<OrderEvent> VERSION_ORDER = Comparator
            .comparing(OrderEvent::getEventTime)
            .thenComparing(OrderEvent::getEventId);

    /** The de-duplicated events, as release 0.1 stored them. */
    private static final class Events {
        final List<OrderEvent> orders = new ArrayList<>();
        final List<AllocationEvent> allocations = new ArrayList<>();
        final List<ShipmentEvent> shipments = new ArrayList<>();
        final List<InvoiceEvent> invoices = new ArrayList<>();

        List<OrderEvent> getOrders() {
            return orders;
        }

        List<AllocationEvent> getAllocations() {
            return allocations;
        }

        List<ShipmentEvent> getShipments() {
            return shipments;
        }

        List<InvoiceEvent> getInvoices() {
            return invoices;
        }
    }

    private final Events events = new Events();

    public static EventListLifecycle empty() {
        return new EventListLifecycle();
    }

    /** Adds the event unless one with the same eventId was already applied on its stream; true when added. */
    public boolean apply(SpecificRecordBase event) {
        return switch (EventStream.of(event)) {
            case ORDER -> addOnce(events.getOrders(), (OrderEvent) event);
            case ALLOCATION -> addOnce(events.getAllocations(), (AllocationEvent) event);
            case SHIPMENT -> addOnce(events.getShipments(), (ShipmentEvent) event);
            case INVOICE -> addOnce(events.getInvoices(), (InvoiceEvent) event);
        };
    }

    private static <E extends SpecificRecordBase> boolean addOnce(List<E> applied, E event) {
        String eventId = com.o2cpulse.lifecycle.Events.eventId(event);
        if (applied.stream().anyMatch(e -> com.o2cpulse.lifecycle.Events.eventId(e).equals(eventId))) {
            return false;
        }
        applied.add(event);
        return true;
    }

    public Optional<OrderEvent> version() {
        return placements().max(VERSION_ORDER);
    }

    public boolean isKnown() {
        return placements().findAny().isPresent();
    }

    public boolean isCancelled() {
        return events.getOrders().stream().anyMatch(o -> o.getEventType() == OrderEventType.CANCELLED);
    }

    /** Earliest PLACED or AMENDED event time: the order day is its business date. */
    public Optional<Instant> placedAt() {
        return placements().map(OrderEvent::getEventTime).min(Comparator.naturalOrder());
    }

    public Optional<Instant> cancelledAt() {
        return events.getOrders().stream()
                .filter(o -> o.getEventType() == OrderEventType.CANCELLED)
                .map(OrderEvent::getEventTime)
                .min(Comparator.naturalOrder());
    }

    /** Lines of the current version; lines with quantity 0 are not lines. */
    public List<OrderLine> lines() {
        return version().map(v -> v.getLines().stream().filter(l -> l.getQuantity() > 0).toList()).orElse(List.of());
    }

    public List<AllocationEvent> allocations() {
        return events.getAllocations();
    }

    public List<InvoiceEvent> invoices() {
        return events.getInvoices();
    }

    /** All shipment events in shipment order: the first is the order's first shipment. */
    public List<ShipmentEvent> shipments() {
        return events.getShipments().stream().sorted(SHIPMENT_ORDER).toList();
    }

    public Optional<ShipmentEvent> firstShipment() {
        return events.getShipments().stream().min(SHIPMENT_ORDER);
    }

    /** The first of the shipments that list this line. */
    public Optional<ShipmentEvent> firstShipmentOf(String lineId) {
        return events.getShipments().stream()
                .filter(s -> s.getLines().stream().anyMatch(l -> l.getLineId().equals(lineId)))
                .min(SHIPMENT_ORDER);
    }

    /** The first of the invoices whose shipmentId names this shipment. */
    public Optional<InvoiceEvent> firstInvoiceOf(ShipmentEvent shipment) {
        return events.getInvoices().stream()
                .filter(i -> shipment.getShipmentId().equals(i.getShipmentId()))
                .min(INVOICE_ORDER);
    }

    public static long quantityOf(ShipmentEvent shipment, String lineId) {
        return shipment.getLines().stream().filter(l -> l.getLineId().equals(lineId)).mapToLong(ShipmentLine::getQuantity).sum();
    }

    public long shipped(String lineId) {
        return events.getShipments().stream().mapToLong(s -> quantityOf(s, lineId)).sum();
    }

    public long invoiced(String lineId) {
        return events.getInvoices().stream().flatMap(i -> i.getLines().stream())
                .filter(l -> l.getLineId().equals(lineId)).mapToLong(InvoiceLine::getQuantity).sum();
    }

    public long allocated(String lineId) {
        return allocationLines(lineId).mapToLong(AllocationLine::getAllocated).sum();
    }

    public long backordered(String lineId) {
        return allocationLines(lineId).mapToLong(AllocationLine::getBackordered).sum();
    }

    /** True when any allocation reported units of this line as backordered. */
    public boolean reportedBackordered(String lineId) {
        return allocationLines(lineId).anyMatch(l -> l.getBackordered() > 0);
    }

    /** Line ids named by allocations, shipments and invoices, in first-seen order. */
    public Set<String> referencedLineIds() {
        Set<String> ids = new LinkedHashSet<>();
        events.getAllocations().forEach(a -> a.getLines().forEach(l -> ids.add(l.getLineId())));
        events.getShipments().forEach(s -> s.getLines().forEach(l -> ids.add(l.getLineId())));
        events.getInvoices().forEach(i -> i.getLines().forEach(l -> ids.add(l.getLineId())));
        return ids;
    }

    private Stream<AllocationLine> allocationLines(String lineId) {
        return events.getAllocations().stream().flatMap(a -> a.getLines().stream()).filter(l -> l.getLineId().equals(lineId));
    }

    private Stream<OrderEvent> placements() {
        return events.getOrders().stream().filter(o -> o.getEventType() != OrderEventType.CANCELLED);
    }
}
