package com.o2cpulse.reference;


import com.o2cpulse.kpi.Finding;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderLine;
import com.o2cpulse.schema.kpi.OrderStatus;
import com.o2cpulse.schema.kpi.OrderStatusLine;
import com.o2cpulse.schema.kpi.OrderStatusType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The order-status record: one order's lifecycle as customer service and BI read it. */
public final class EventListStatusView {

    private EventListStatusView() {
    }

    /** The status of a known order; unknown orders (only orphan events so far) have none. */
    public static OrderStatus of(String correlationId, EventListLifecycle order, List<Finding> findings, KpiRules rules, Instant updatedAt) {
        OrderEvent version = order.version().orElseThrow(() -> new IllegalArgumentException("order " + correlationId + " is not known"));
        List<OrderStatusLine> lines = order.lines().stream().map(line -> statusLine(order, line)).toList();
        Instant placedAt = order.placedAt().orElseThrow();
        return OrderStatus.newBuilder()
                .setCorrelationId(correlationId)
                .setStatus(status(order, lines))
                .setChannel(version.getChannel())
                .setCustomerId(version.getCustomerId())
                .setCurrency(version.getCurrency())
                .setOrderDay(rules.businessDate(placedAt))
                .setLines(lines)
                .setPlacedAt(placedAt)
                .setVersionAt(version.getEventTime())
                .setFirstAllocatedAt(order.allocations().stream().map(AllocationEvent::getEventTime).min(Comparator.naturalOrder()).orElse(null))
                .setFirstShippedAt(order.firstShipment().map(s -> s.getEventTime()).orElse(null))
                .setFirstInvoicedAt(order.invoices().stream().map(InvoiceEvent::getEventTime).min(Comparator.naturalOrder()).orElse(null))
                .setCancelledAt(order.cancelledAt().orElse(null))
                .setOpenExceptions(findings.stream().map(Finding::label).toList())
                .setUpdatedAt(updatedAt)
                .build();
    }

    private static OrderStatusLine statusLine(EventListLifecycle order, OrderLine line) {
        String lineId = line.getLineId();
        return new OrderStatusLine(lineId, line.getSku(), line.getQuantity(), line.getUnitPrice(),
                order.allocated(lineId), order.backordered(lineId), order.shipped(lineId), order.invoiced(lineId));
    }

    /** The furthest stage every line has reached, or that some line has reached for the partial stages. */
    private static OrderStatusType status(EventListLifecycle order, List<OrderStatusLine> lines) {
        if (order.isCancelled()) {
            return OrderStatusType.CANCELLED;
        }
        boolean any = !lines.isEmpty();
        if (any && lines.stream().allMatch(l -> l.getInvoiced() >= l.getOrdered())) {
            return OrderStatusType.INVOICED;
        }
        if (lines.stream().anyMatch(l -> l.getInvoiced() > 0)) {
            return OrderStatusType.PARTIALLY_INVOICED;
        }
        if (any && lines.stream().allMatch(l -> l.getShipped() >= l.getOrdered())) {
            return OrderStatusType.SHIPPED;
        }
        if (lines.stream().anyMatch(l -> l.getShipped() > 0)) {
            return OrderStatusType.PARTIALLY_SHIPPED;
        }
        if (!order.allocations().isEmpty()) {
            return OrderStatusType.ALLOCATED;
        }
        return OrderStatusType.ACCEPTED;
    }
}
