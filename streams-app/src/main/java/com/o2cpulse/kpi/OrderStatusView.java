package com.o2cpulse.kpi;

import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.lifecycle.OrderState.Shipment;
import com.o2cpulse.lifecycle.OrderState.Version;
import com.o2cpulse.lifecycle.VersionLine;
import com.o2cpulse.schema.kpi.OrderStatus;
import com.o2cpulse.schema.kpi.OrderStatusLine;
import com.o2cpulse.schema.kpi.OrderStatusType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The order-status record: one order's lifecycle as customer service and BI read it. */
public final class OrderStatusView {

    private OrderStatusView() {
    }

    /** The status of a known order; unknown orders (only orphan events so far) have none. */
    public static OrderStatus of(String correlationId, OrderState order, List<Finding> findings, KpiRules rules, Instant updatedAt) {
        Version version = order.version().orElseThrow(() -> new IllegalArgumentException("order " + correlationId + " is not known"));
        List<OrderStatusLine> lines = new ArrayList<>(version.lines().size());
        for (VersionLine line : version.lines()) {
            String lineId = line.lineId();
            lines.add(new OrderStatusLine(lineId, line.sku(), line.quantity(), line.unitPrice(),
                    order.allocated(lineId), order.backordered(lineId), order.shipped(lineId), order.invoiced(lineId)));
        }
        List<String> openExceptions = new ArrayList<>(findings.size());
        findings.forEach(f -> openExceptions.add(f.label()));
        Instant placedAt = order.placedAt().orElseThrow();
        return OrderStatus.newBuilder()
                .setCorrelationId(correlationId)
                .setStatus(status(order, lines))
                .setChannel(version.channel())
                .setCustomerId(version.customerId())
                .setCurrency(version.currency())
                .setOrderDay(rules.businessDate(placedAt))
                .setLines(lines)
                .setPlacedAt(placedAt)
                .setVersionAt(version.eventTime())
                .setFirstAllocatedAt(order.firstAllocatedAt().orElse(null))
                .setFirstShippedAt(order.firstShipment().map(Shipment::eventTime).orElse(null))
                .setFirstInvoicedAt(order.firstInvoicedAt().orElse(null))
                .setCancelledAt(order.cancelledAt().orElse(null))
                .setOpenExceptions(openExceptions)
                .setUpdatedAt(updatedAt)
                .build();
    }

    /** The furthest stage every line has reached, or that some line has reached for the partial stages. */
    private static OrderStatusType status(OrderState order, List<OrderStatusLine> lines) {
        if (order.isCancelled()) {
            return OrderStatusType.CANCELLED;
        }
        // One pass instead of four streams: this runs for every status sent.
        boolean allInvoiced = !lines.isEmpty();
        boolean anyInvoiced = false;
        boolean allShipped = !lines.isEmpty();
        boolean anyShipped = false;
        for (OrderStatusLine line : lines) {
            allInvoiced &= line.getInvoiced() >= line.getOrdered();
            anyInvoiced |= line.getInvoiced() > 0;
            allShipped &= line.getShipped() >= line.getOrdered();
            anyShipped |= line.getShipped() > 0;
        }
        if (allInvoiced) {
            return OrderStatusType.INVOICED;
        }
        if (anyInvoiced) {
            return OrderStatusType.PARTIALLY_INVOICED;
        }
        if (allShipped) {
            return OrderStatusType.SHIPPED;
        }
        if (anyShipped) {
            return OrderStatusType.PARTIALLY_SHIPPED;
        }
        if (order.hasAllocations()) {
            return OrderStatusType.ALLOCATED;
        }
        return OrderStatusType.ACCEPTED;
    }
}
