package com.o2cpulse.kpi;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.lifecycle.OrderState.Invoice;
import com.o2cpulse.lifecycle.OrderState.Shipment;
import com.o2cpulse.lifecycle.OrderState.Version;
import com.o2cpulse.lifecycle.VersionLine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every KPI is a sum over orders of what each order contributes to each KPI key. This class computes one order's
 * contributions from its state; the difference between two states of an order is the delta to publish, so
 * late and out-of-order events retract what they replace.
 */
public final class Contributions {

    private static final Set<KpiFamily> ALL_FAMILIES = EnumSet.allOf(KpiFamily.class);

    private final KpiRules rules;

    public Contributions(KpiRules rules) {
        this.rules = rules;
    }

    /**
     * The KPI families an event of this stream can change. Fill rate reads the version and shipments, backlog the
     * version, shipments, allocations and cancellation, invoice latency the version, shipments and invoices, and
     * reconciliation every stream: so an allocation cannot move fill rate or latency, nor an invoice fill rate or backlog.
     */
    public static Set<KpiFamily> familiesChangedBy(EventStream stream) {
        return switch (stream) {
            case ORDER, SHIPMENT -> ALL_FAMILIES;
            case ALLOCATION -> EnumSet.of(KpiFamily.BACKLOG, KpiFamily.RECONCILIATION);
            case INVOICE -> EnumSet.of(KpiFamily.INVOICE_LATENCY, KpiFamily.RECONCILIATION);
        };
    }

    /** What the order in this state contributes, by KPI key; keys it does not touch are absent. */
    public Map<KpiKey, KpiTotal> of(OrderState order) {
        return of(order, Reconciliation.findings(order), ALL_FAMILIES);
    }

    /** The same for the given families only, given the order's reconciliation findings. */
    public Map<KpiKey, KpiTotal> of(OrderState order, List<Finding> findings, Set<KpiFamily> families) {
        Map<KpiKey, KpiTotal> contributions = new HashMap<>();
        Optional<Version> version = order.version();
        if (version.isPresent()) {
            String channel = version.get().channel();
            if (families.contains(KpiFamily.FILL_RATE)) {
                fillRate(order, channel, contributions);
            }
            if (families.contains(KpiFamily.BACKLOG) && !order.isCancelled()) {
                backlog(order, version.get(), contributions);
            }
            if (families.contains(KpiFamily.INVOICE_LATENCY)) {
                invoiceLatency(order, channel, contributions);
            }
        }
        if (families.contains(KpiFamily.RECONCILIATION)) {
            for (Finding finding : findings) {
                add(contributions, KpiKey.reconciliation(finding.type()), ReconciliationTotal.ONE);
            }
        }
        return contributions;
    }

    /** after − before, for every key either touches; keys whose delta is zero are absent. */
    public static Map<KpiKey, KpiTotal> delta(Map<KpiKey, KpiTotal> before, Map<KpiKey, KpiTotal> after) {
        Map<KpiKey, KpiTotal> delta = new HashMap<>(after);
        before.forEach((key, total) -> add(delta, key, total.negate()));
        delta.values().removeIf(KpiTotal::isZero);
        return delta;
    }

    private void fillRate(OrderState order, String channel, Map<KpiKey, KpiTotal> contributions) {
        List<VersionLine> lines = order.lines();
        for (VersionLine line : lines) {
            Optional<Shipment> first = order.firstShipmentOf(line.lineId());
            if (first.isEmpty()) {
                continue;
            }
            FillRateTotal total = FillRateTotal.line(line.quantity(), first.get().quantityOf(line.lineId()));
            LocalDate day = rules.businessDate(first.get().eventTime());
            addScoped(contributions, KpiFamily.FILL_RATE, channel, first.get().warehouseId(), day, total);
        }
        Optional<Shipment> firstShipment = order.firstShipment();
        if (!lines.isEmpty() && firstShipment.isPresent()) {
            boolean filled = lines.stream().allMatch(l -> firstShipment.get().quantityOf(l.lineId()) >= l.quantity());
            addScoped(contributions, KpiFamily.FILL_RATE, channel, null, rules.businessDate(firstShipment.get().eventTime()),
                    FillRateTotal.order(filled));
        }
    }

    private void backlog(OrderState order, Version version, Map<KpiKey, KpiTotal> contributions) {
        long openLines = 0;
        long openUnits = 0;
        long backorderedUnits = 0;
        BigDecimal openValue = BigDecimal.ZERO;
        for (VersionLine line : order.lines()) {
            long open = line.quantity() - order.shipped(line.lineId());
            if (open <= 0) {
                continue;
            }
            openLines++;
            openUnits = Math.addExact(openUnits, open);
            openValue = openValue.add(line.unitPrice().multiply(BigDecimal.valueOf(open)));
            if (order.reportedBackordered(line.lineId())) {
                backorderedUnits = Math.addExact(backorderedUnits, open);
            }
        }
        if (openLines == 0) {
            return;
        }
        BacklogTotal total = new BacklogTotal(1, openLines, openUnits, openValue, backorderedUnits);
        LocalDate orderDay = rules.businessDate(order.placedAt().orElseThrow());
        String currency = version.currency();
        add(contributions, KpiKey.backlog(KpiKey.ALL, "*", orderDay, currency), total);
        add(contributions, KpiKey.backlog(KpiKey.CHANNEL, version.channel(), orderDay, currency), total);
    }

    private void invoiceLatency(OrderState order, String channel, Map<KpiKey, KpiTotal> contributions) {
        for (Shipment shipment : order.shipments()) {
            Optional<Invoice> first = order.firstInvoiceOf(shipment);
            InvoiceLatencyTotal total;
            if (first.isEmpty()) {
                total = InvoiceLatencyTotal.notInvoicedShipment();
            } else if (!first.get().eventTime().isBefore(shipment.eventTime())) {
                long latency = Duration.between(shipment.eventTime(), first.get().eventTime()).getSeconds();
                total = InvoiceLatencyTotal.invoicedShipment(latency, Duration.ofSeconds(latency).compareTo(rules.invoiceSla()) > 0);
            } else {
                total = InvoiceLatencyTotal.invoicedBeforeShipped();
            }
            addScoped(contributions, KpiFamily.INVOICE_LATENCY, channel, shipment.warehouseId(),
                    rules.businessDate(shipment.eventTime()), total);
        }
    }

    /** Adds to scopes all and channel, and warehouse when one is given. */
    private static void addScoped(Map<KpiKey, KpiTotal> contributions, KpiFamily family, String channel, String warehouse,
                                  LocalDate day, KpiTotal total) {
        add(contributions, KpiKey.scoped(family, KpiKey.ALL, "*", day), total);
        add(contributions, KpiKey.scoped(family, KpiKey.CHANNEL, channel, day), total);
        if (warehouse != null) {
            add(contributions, KpiKey.scoped(family, KpiKey.WAREHOUSE, warehouse, day), total);
        }
    }

    private static void add(Map<KpiKey, KpiTotal> contributions, KpiKey key, KpiTotal total) {
        contributions.merge(key, total, KpiTotal::plus);
    }
}
