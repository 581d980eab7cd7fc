package com.o2cpulse.reference;

import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.kpi.Finding;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.kpi.LatencyHistogram;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderLine;
import com.o2cpulse.schema.events.ShipmentEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every KPI is a sum over orders of what each order contributes to each KPI key. This class computes one order's
 * contributions from its lifecycle; the difference between two states of an order is the delta to publish, so
 * late and out-of-order events retract what they replace.
 */
public final class EventListContributions {

    private final KpiRules rules;

    public EventListContributions(KpiRules rules) {
        this.rules = rules;
    }

    /** What the order in this state contributes, by KPI key; keys it does not touch are absent. */
    public Map<KpiKey, Tally> of(EventListLifecycle order) {
        return of(order, EventListReconciliation.findings(order));
    }

    /** The same, given the order's reconciliation findings when the caller has them already. */
    public Map<KpiKey, Tally> of(EventListLifecycle order, List<Finding> findings) {
        Map<KpiKey, Tally> contributions = new HashMap<>();
        Optional<OrderEvent> version = order.version();
        if (version.isPresent()) {
            String channel = version.get().getChannel();
            fillRate(order, channel, contributions);
            if (!order.isCancelled()) {
                backlog(order, version.get(), contributions);
            }
            invoiceLatency(order, channel, contributions);
        }
        for (Finding finding : findings) {
            add(contributions, KpiKey.reconciliation(finding.type()), Tally.count(KpiFields.COUNT, 1));
        }
        return contributions;
    }

    /** after − before, for every key either touches; keys whose delta is zero are absent. */
    public static Map<KpiKey, Tally> delta(Map<KpiKey, Tally> before, Map<KpiKey, Tally> after) {
        Map<KpiKey, Tally> delta = new HashMap<>();
        after.forEach((key, tally) -> add(delta, key, tally));
        before.forEach((key, tally) -> add(delta, key, tally.negate()));
        delta.values().removeIf(Tally::isZero);
        return delta;
    }

    private void fillRate(EventListLifecycle order, String channel, Map<KpiKey, Tally> contributions) {
        List<OrderLine> lines = order.lines();
        for (OrderLine line : lines) {
            Optional<ShipmentEvent> first = order.firstShipmentOf(line.getLineId());
            if (first.isEmpty()) {
                continue;
            }
            long ordered = line.getQuantity();
            long inFirst = EventListLifecycle.quantityOf(first.get(), line.getLineId());
            Tally tally = Tally.of(Map.of(
                    KpiFields.LINES_SHIPPED, 1L,
                    KpiFields.LINES_FILLED, inFirst >= ordered ? 1L : 0L,
                    KpiFields.UNITS_ORDERED, ordered,
                    KpiFields.UNITS_FILLED, Math.min(inFirst, ordered)), Map.of(), Map.of());
            LocalDate day = rules.businessDate(first.get().getEventTime());
            addScoped(contributions, KpiFamily.FILL_RATE, channel, first.get().getWarehouseId(), day, tally);
        }
        Optional<ShipmentEvent> firstShipment = order.firstShipment();
        if (!lines.isEmpty() && firstShipment.isPresent()) {
            boolean filled = lines.stream().allMatch(
                    l -> EventListLifecycle.quantityOf(firstShipment.get(), l.getLineId()) >= l.getQuantity());
            Tally tally = Tally.of(Map.of(KpiFields.ORDERS_SHIPPED, 1L, KpiFields.ORDERS_FILLED, filled ? 1L : 0L), Map.of(), Map.of());
            addScoped(contributions, KpiFamily.FILL_RATE, channel, null, rules.businessDate(firstShipment.get().getEventTime()), tally);
        }
    }

    private void backlog(EventListLifecycle order, OrderEvent version, Map<KpiKey, Tally> contributions) {
        long openLines = 0;
        long openUnits = 0;
        long backorderedUnits = 0;
        BigDecimal openValue = BigDecimal.ZERO;
        for (OrderLine line : order.lines()) {
            long open = line.getQuantity() - order.shipped(line.getLineId());
            if (open <= 0) {
                continue;
            }
            openLines++;
            openUnits += open;
            openValue = openValue.add(line.getUnitPrice().multiply(BigDecimal.valueOf(open)));
            if (order.reportedBackordered(line.getLineId())) {
                backorderedUnits += open;
            }
        }
        if (openLines == 0) {
            return;
        }
        Tally tally = Tally.of(Map.of(
                KpiFields.OPEN_ORDERS, 1L,
                KpiFields.OPEN_LINES, openLines,
                KpiFields.OPEN_UNITS, openUnits,
                KpiFields.BACKORDERED_UNITS, backorderedUnits), Map.of(KpiFields.OPEN_VALUE, openValue), Map.of());
        LocalDate orderDay = rules.businessDate(order.placedAt().orElseThrow());
        String currency = version.getCurrency();
        add(contributions, KpiKey.backlog(KpiKey.ALL, "*", orderDay, currency), tally);
        add(contributions, KpiKey.backlog(KpiKey.CHANNEL, version.getChannel(), orderDay, currency), tally);
    }

    private void invoiceLatency(EventListLifecycle order, String channel, Map<KpiKey, Tally> contributions) {
        for (ShipmentEvent shipment : order.shipments()) {
            Optional<InvoiceEvent> first = order.firstInvoiceOf(shipment);
            Tally tally;
            if (first.isEmpty()) {
                tally = Tally.of(Map.of(KpiFields.SHIPMENTS, 1L, KpiFields.NOT_INVOICED, 1L), Map.of(), Map.of());
            } else if (!first.get().getEventTime().isBefore(shipment.getEventTime())) {
                long latency = Duration.between(shipment.getEventTime(), first.get().getEventTime()).getSeconds();
                tally = Tally.of(Map.of(
                        KpiFields.SHIPMENTS, 1L,
                        KpiFields.INVOICED, 1L,
                        KpiFields.LATENCY_SUM_SECONDS, latency,
                        KpiFields.OVER_SLA, Duration.ofSeconds(latency).compareTo(rules.invoiceSla()) > 0 ? 1L : 0L),
                        Map.of(), Map.of(LatencyHistogram.bucketOf(latency), 1L));
            } else {
                tally = Tally.count(KpiFields.SHIPMENTS, 1);
            }
            addScoped(contributions, KpiFamily.INVOICE_LATENCY, channel, shipment.getWarehouseId(),
                    rules.businessDate(shipment.getEventTime()), tally);
        }
    }

    /** Adds to scopes all and channel, and warehouse when one is given. */
    private static void addScoped(Map<KpiKey, Tally> contributions, KpiFamily family, String channel, String warehouse,
                                  LocalDate day, Tally tally) {
        add(contributions, KpiKey.scoped(family, KpiKey.ALL, "*", day), tally);
        add(contributions, KpiKey.scoped(family, KpiKey.CHANNEL, channel, day), tally);
        if (warehouse != null) {
            add(contributions, KpiKey.scoped(family, KpiKey.WAREHOUSE, warehouse, day), tally);
        }
    }

    private static void add(Map<KpiKey, Tally> contributions, KpiKey key, Tally tally) {
        contributions.merge(key, tally, Tally::plus);
    }
}
