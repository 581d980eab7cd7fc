package com.o2cpulse.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One order's lifecycle as a fold of its events: only what the lifecycle and KPI rules read. Every field is
 * order-independent (a set union, a minimum or maximum under a total order, a sum, or a list kept sorted), and
 * a redelivered event (an eventId already seen on its stream) changes nothing, so any arrival order of the same
 * events with any redeliveries folds to an equal state. Mutable: {@link #apply} folds in place.
 * topology-docs/STATE.md explains each field.
 */
public final class OrderState {

    /** Shipments are ordered by (eventTime, shipmentId); eventId settles the rest so the order is total. */
    public static final Comparator<Shipment> SHIPMENT_ORDER = Comparator
            .comparing(Shipment::eventTime)
            .thenComparing(Shipment::shipmentId)
            .thenComparing(Shipment::eventId);

    /** Invoices are ordered by (eventTime, invoiceId), eventId last. */
    public static final Comparator<Invoice> INVOICE_ORDER = Comparator
            .comparing(Invoice::eventTime)
            .thenComparing(Invoice::invoiceId)
            .thenComparing(Invoice::eventId);

    /** The order version is the PLACED or AMENDED event with the greatest (eventTime, eventId). */
    private static final Comparator<Version> VERSION_ORDER = Comparator
            .comparing(Version::eventTime)
            .thenComparing(Version::eventId);

    /** The current order version; its lines exclude quantity 0 (not part of the version). */
    public record Version(String eventId, Instant eventTime, String channel, String customerId, String currency,
                          List<VersionLine> lines) {
        public Version {
            lines = List.copyOf(lines);
        }
    }

    /** Summed allocation results of one line over all allocations. */
    public record LineAllocation(long allocated, long backordered) {
    }

    public record Shipment(String eventId, String shipmentId, Instant eventTime, String warehouseId, List<LineQuantity> lines) {
        public Shipment {
            lines = List.copyOf(lines);
        }

        public long quantityOf(String lineId) {
            long quantity = 0;
            for (LineQuantity line : lines) {
                if (line.lineId().equals(lineId)) {
                    quantity = Math.addExact(quantity, line.quantity());
                }
            }
            return quantity;
        }

        public boolean lists(String lineId) {
            for (LineQuantity line : lines) {
                if (line.lineId().equals(lineId)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An invoice as the rules read it; its units are summed per line in the state. */
    public record Invoice(String eventId, String invoiceId, String shipmentId, Instant eventTime) {
    }

    private final NavigableSet<String> orderEventIds;
    private Version version;
    private Instant placedAt;
    private Instant cancelledAt;
    private final NavigableSet<String> allocationEventIds;
    private Instant firstAllocatedAt;
    private final NavigableMap<String, LineAllocation> allocationsByLine;
    private final List<Shipment> shipments;
    private final List<Invoice> invoices;
    private final NavigableMap<String, Long> invoicedByLine;
    /** The latest event time of any event folded in: where the retention horizon starts. */
    private Instant lastEventTime;

    public OrderState() {
        this(new TreeSet<>(), null, null, null, new TreeSet<>(), null, new TreeMap<>(), new ArrayList<>(), new ArrayList<>(), new TreeMap<>(), null);
    }

    /** A state as its codec stored it; the collections are taken over, shipments and invoices already sorted. */
    OrderState(NavigableSet<String> orderEventIds, Version version, Instant placedAt, Instant cancelledAt,
               NavigableSet<String> allocationEventIds, Instant firstAllocatedAt, NavigableMap<String, LineAllocation> allocationsByLine,
               List<Shipment> shipments, List<Invoice> invoices, NavigableMap<String, Long> invoicedByLine, Instant lastEventTime) {
        this.orderEventIds = orderEventIds;
        this.version = version;
        this.placedAt = placedAt;
        this.cancelledAt = cancelledAt;
        this.allocationEventIds = allocationEventIds;
        this.firstAllocatedAt = firstAllocatedAt;
        this.allocationsByLine = allocationsByLine;
        this.shipments = shipments;
        this.invoices = invoices;
        this.invoicedByLine = invoicedByLine;
        this.lastEventTime = lastEventTime;
    }

    /** True when an event with this fact's eventId was already folded in on its stream. */
    public boolean hasSeen(LifecycleFact fact) {
        String eventId = fact.eventId();
        return switch (fact.stream()) {
            case ORDER -> orderEventIds.contains(eventId);
            case ALLOCATION -> allocationEventIds.contains(eventId);
            case SHIPMENT -> shipments.stream().anyMatch(s -> s.eventId().equals(eventId));
            case INVOICE -> invoices.stream().anyMatch(i -> i.eventId().equals(eventId));
        };
    }

    /** Folds the fact in unless it was seen already; true when it changed the state. */
    public boolean apply(LifecycleFact fact) {
        if (hasSeen(fact)) {
            return false;
        }
        if (lastEventTime == null || fact.eventTime().isAfter(lastEventTime)) {
            lastEventTime = fact.eventTime();
        }
        if (fact instanceof OrderFact order) {
            applyOrder(order);
        } else if (fact instanceof AllocationFact allocation) {
            applyAllocation(allocation);
        } else if (fact instanceof ShipmentFact shipment) {
            insertSorted(shipments, new Shipment(shipment.eventId(), shipment.shipmentId(), shipment.eventTime(),
                    shipment.warehouseId(), shipment.lines()), SHIPMENT_ORDER);
        } else {
            applyInvoice((InvoiceFact) fact);
        }
        return true;
    }

    private void applyOrder(OrderFact order) {
        orderEventIds.add(order.eventId());
        if (order.cancellation()) {
            cancelledAt = earliest(cancelledAt, order.eventTime());
            return;
        }
        placedAt = earliest(placedAt, order.eventTime());
        Version candidate = new Version(order.eventId(), order.eventTime(), order.channel(), order.customerId(), order.currency(),
                order.lines().stream().filter(l -> l.quantity() > 0).toList());
        if (version == null || VERSION_ORDER.compare(candidate, version) > 0) {
            version = candidate;
        }
    }

    private void applyAllocation(AllocationFact allocation) {
        allocationEventIds.add(allocation.eventId());
        firstAllocatedAt = earliest(firstAllocatedAt, allocation.eventTime());
        for (AllocationFact.AllocationLine line : allocation.lines()) {
            allocationsByLine.merge(line.lineId(), new LineAllocation(line.allocated(), line.backordered()),
                    (a, b) -> new LineAllocation(Math.addExact(a.allocated(), b.allocated()), Math.addExact(a.backordered(), b.backordered())));
        }
    }

    private void applyInvoice(InvoiceFact invoice) {
        insertSorted(invoices, new Invoice(invoice.eventId(), invoice.invoiceId(), invoice.shipmentId(), invoice.eventTime()), INVOICE_ORDER);
        for (LineQuantity line : invoice.lines()) {
            invoicedByLine.merge(line.lineId(), line.quantity(), Math::addExact);
        }
    }

    private static <T> void insertSorted(List<T> sorted, T item, Comparator<T> order) {
        int at = Collections.binarySearch(sorted, item, order);
        sorted.add(at < 0 ? -at - 1 : at, item);
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    public boolean isKnown() {
        return version != null;
    }

    public Optional<Version> version() {
        return Optional.ofNullable(version);
    }

    public boolean isCancelled() {
        return cancelledAt != null;
    }

    /**
     * A known order that no further event of a well-behaved source changes: cancelled, or every line of its version
     * shipped in full and every shipment invoiced (its first invoice exists).
     */
    public boolean isSettled() {
        if (!isKnown()) {
            return false;
        }
        if (isCancelled()) {
            return true;
        }
        for (VersionLine line : version.lines()) {
            if (shipped(line.lineId()) < line.quantity()) {
                return false;
            }
        }
        for (Shipment shipment : shipments) {
            if (firstInvoiceOf(shipment).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The latest event time folded in; empty for a state that has folded nothing. */
    public Optional<Instant> lastEventTime() {
        return Optional.ofNullable(lastEventTime);
    }

    /** Earliest PLACED or AMENDED event time: the order day is its business date. */
    public Optional<Instant> placedAt() {
        return Optional.ofNullable(placedAt);
    }

    public Optional<Instant> cancelledAt() {
        return Optional.ofNullable(cancelledAt);
    }

    /** Lines of the current version (quantity above 0). */
    public List<VersionLine> lines() {
        return version == null ? List.of() : version.lines();
    }

    public boolean hasAllocations() {
        return !allocationEventIds.isEmpty();
    }

    public Optional<Instant> firstAllocatedAt() {
        return Optional.ofNullable(firstAllocatedAt);
    }

    public Set<String> allocationEventIds() {
        return Collections.unmodifiableSet(allocationEventIds);
    }

    Set<String> orderEventIds() {
        return Collections.unmodifiableSet(orderEventIds);
    }

    /** All shipments in shipment order: the first is the order's first shipment. */
    public List<Shipment> shipments() {
        return Collections.unmodifiableList(shipments);
    }

    /** All invoices in invoice order. */
    public List<Invoice> invoices() {
        return Collections.unmodifiableList(invoices);
    }

    public Optional<Shipment> firstShipment() {
        return shipments.isEmpty() ? Optional.empty() : Optional.of(shipments.get(0));
    }

    /** The first of the shipments that list this line. */
    public Optional<Shipment> firstShipmentOf(String lineId) {
        for (Shipment shipment : shipments) {
            if (shipment.lists(lineId)) {
                return Optional.of(shipment);
            }
        }
        return Optional.empty();
    }

    /** The first of the invoices whose shipmentId names this shipment. */
    public Optional<Invoice> firstInvoiceOf(Shipment shipment) {
        for (Invoice invoice : invoices) {
            if (shipment.shipmentId().equals(invoice.shipmentId())) {
                return Optional.of(invoice);
            }
        }
        return Optional.empty();
    }

    public Optional<Instant> firstInvoicedAt() {
        return invoices.isEmpty() ? Optional.empty() : Optional.of(invoices.get(0).eventTime());
    }

    public long shipped(String lineId) {
        long shipped = 0;
        for (Shipment shipment : shipments) {
            shipped = Math.addExact(shipped, shipment.quantityOf(lineId));
        }
        return shipped;
    }

    public long invoiced(String lineId) {
        return invoicedByLine.getOrDefault(lineId, 0L);
    }

    public long allocated(String lineId) {
        LineAllocation allocation = allocationsByLine.get(lineId);
        return allocation == null ? 0 : allocation.allocated();
    }

    public long backordered(String lineId) {
        LineAllocation allocation = allocationsByLine.get(lineId);
        return allocation == null ? 0 : allocation.backordered();
    }

    /** True when any allocation reported units of this line as backordered (quantities are never negative). */
    public boolean reportedBackordered(String lineId) {
        return backordered(lineId) > 0;
    }

    /** Line ids named by allocations, shipments and invoices, each once. */
    public Set<String> referencedLineIds() {
        if (shipments.isEmpty() && invoicedByLine.isEmpty()) {
            return Collections.unmodifiableSet(allocationsByLine.keySet());
        }
        Set<String> ids = new LinkedHashSet<>(allocationsByLine.keySet());
        shipments.forEach(s -> s.lines().forEach(l -> ids.add(l.lineId())));
        ids.addAll(invoicedByLine.keySet());
        return ids;
    }

    NavigableMap<String, LineAllocation> allocationsByLine() {
        return allocationsByLine;
    }

    NavigableMap<String, Long> invoicedByLine() {
        return invoicedByLine;
    }

    Instant placedAtOrNull() {
        return placedAt;
    }

    Instant cancelledAtOrNull() {
        return cancelledAt;
    }

    Instant firstAllocatedAtOrNull() {
        return firstAllocatedAt;
    }

    Version versionOrNull() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderState s && orderEventIds.equals(s.orderEventIds) && Objects.equals(version, s.version)
                && Objects.equals(placedAt, s.placedAt) && Objects.equals(cancelledAt, s.cancelledAt)
                && allocationEventIds.equals(s.allocationEventIds) && Objects.equals(firstAllocatedAt, s.firstAllocatedAt)
                && allocationsByLine.equals(s.allocationsByLine) && shipments.equals(s.shipments) && invoices.equals(s.invoices)
                && invoicedByLine.equals(s.invoicedByLine) && Objects.equals(lastEventTime, s.lastEventTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderEventIds, version, placedAt, allocationEventIds, shipments, invoices);
    }

    @Override
    public String toString() {
        return "OrderState{orders=" + orderEventIds + ", version=" + version + ", placedAt=" + placedAt + ", cancelledAt=" + cancelledAt
                + ", allocations=" + allocationEventIds + " " + allocationsByLine + ", shipments=" + shipments
                + ", invoices=" + invoices + " " + invoicedByLine + ", lastEventTime=" + lastEventTime + "}";
    }
}
