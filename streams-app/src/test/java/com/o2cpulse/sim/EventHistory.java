package com.o2cpulse.sim;

import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.schema.events.OrderLine;
import com.o2cpulse.schema.events.ShipmentEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/** Test view of simulated events in arrival order: de-duplicated by eventId and indexed by order. */
final class EventHistory {

    final List<SpecificRecord> arrivals;
    final List<SpecificRecord> distinct;
    final List<OrderEvent> orders;
    final List<AllocationEvent> allocations;
    final List<ShipmentEvent> shipments;
    final List<InvoiceEvent> invoices;

    EventHistory(List<SpecificRecord> arrivals) {
        this.arrivals = arrivals;
        Map<String, SpecificRecord> byId = new LinkedHashMap<>();
        arrivals.forEach(e -> byId.putIfAbsent(eventId(e), e));
        this.distinct = List.copyOf(byId.values());
        this.orders = ofType(OrderEvent.class);
        this.allocations = ofType(AllocationEvent.class);
        this.shipments = ofType(ShipmentEvent.class);
        this.invoices = ofType(InvoiceEvent.class);
    }

    static String eventId(SpecificRecord event) {
        return (String) event.get(event.getSchema().getField("eventId").pos());
    }

    static String correlationId(SpecificRecord event) {
        return (String) event.get(event.getSchema().getField("correlationId").pos());
    }

    static Instant eventTime(SpecificRecord event) {
        return (Instant) event.get(event.getSchema().getField("eventTime").pos());
    }

    Set<String> knownOrders() {
        return orders.stream().filter(o -> o.getEventType() != OrderEventType.CANCELLED)
                .map(OrderEvent::getCorrelationId).collect(Collectors.toSet());
    }

    List<OrderEvent> ordersOfType(OrderEventType type) {
        return orders.stream().filter(o -> o.getEventType() == type).toList();
    }

    /** The order version in force at the end: the PLACED or AMENDED event with the greatest (eventTime, eventId). */
    Map<String, Map<String, Long>> finalQuantities() {
        Map<String, OrderEvent> latest = new HashMap<>();
        Comparator<OrderEvent> byVersion = Comparator.comparing(OrderEvent::getEventTime).thenComparing(OrderEvent::getEventId);
        orders.stream().filter(o -> o.getEventType() != OrderEventType.CANCELLED)
                .forEach(o -> latest.merge(o.getCorrelationId(), o, (a, b) -> byVersion.compare(a, b) >= 0 ? a : b));
        Map<String, Map<String, Long>> quantities = new HashMap<>();
        latest.forEach((id, order) -> quantities.put(id, order.getLines().stream()
                .filter(l -> l.getQuantity() > 0)
                .collect(Collectors.toMap(OrderLine::getLineId, OrderLine::getQuantity))));
        return quantities;
    }

    Map<String, Long> shippedUnits() {
        Map<String, Long> units = new HashMap<>();
        shipments.forEach(s -> s.getLines().forEach(l ->
                units.merge(s.getCorrelationId() + "/" + l.getLineId(), l.getQuantity(), Long::sum)));
        return units;
    }

    Map<String, Long> invoicedUnits() {
        Map<String, Long> units = new HashMap<>();
        invoices.forEach(i -> i.getLines().forEach(l ->
                units.merge(i.getCorrelationId() + "/" + l.getLineId(), l.getQuantity(), Long::sum)));
        return units;
    }

    Optional<Instant> firstInvoiceOf(ShipmentEvent shipment) {
        return invoices.stream()
                .filter(i -> shipment.getShipmentId().equals(i.getShipmentId()))
                .map(InvoiceEvent::getEventTime)
                .min(Comparator.naturalOrder());
    }

    Optional<Instant> firstShipmentOf(String correlationId) {
        return shipments.stream().filter(s -> s.getCorrelationId().equals(correlationId))
                .map(ShipmentEvent::getEventTime).min(Comparator.naturalOrder());
    }

    private <T extends SpecificRecord> List<T> ofType(Class<T> type) {
        List<T> events = new ArrayList<>();
        distinct.stream().filter(type::isInstance).map(type::cast).forEach(events::add);
        return events;
    }
}
