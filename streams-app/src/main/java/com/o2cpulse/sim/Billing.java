package com.o2cpulse.sim;

import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.InvoiceLine;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.events.ShipmentLine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ERP bills each shipment: mostly within minutes of the shipment confirmation, else in the evening or
 * next-day batch, with a long tail of invoices held for days (pricing disputes, credit holds). Some shipments are
 * never billed, a few are billed before the carrier picks them up, and a few invoices bill too much or name no
 * shipment of the order.
 */
final class Billing {

    /** Stands in for a price when an invoice bills a line the order does not have. */
    private static final BigDecimal UNKNOWN_LINE_PRICE = new BigDecimal("9.99");

    private final SimulationProfile profile;

    Billing(SimulationProfile profile) {
        this.profile = profile;
    }

    private record Draft(Instant at, String shipmentId, List<InvoiceLine> lines) {
    }

    List<InvoiceEvent> invoices(OrderHeader order, OrderVersions versions, List<ShipmentEvent> shipments, Dice dice) {
        List<Draft> drafts = new ArrayList<>();
        for (ShipmentEvent shipment : shipments) {
            if (dice.chance(profile.neverInvoicedRate())) {
                continue;
            }
            Instant at = invoiceTime(order, shipment.getEventTime(), dice);
            List<InvoiceLine> lines = new ArrayList<>();
            for (ShipmentLine line : shipment.getLines()) {
                lines.add(invoiceLine(line.getLineId(), line.getQuantity(), versions));
            }
            String foreignLine = versions.latest().unusedLineId(dice);
            if (dice.chance(profile.unknownLineRate()) && lines.stream().noneMatch(l -> l.getLineId().equals(foreignLine))) {
                lines.add(invoiceLine(foreignLine, dice.between(1L, 5L), versions));
            }
            String shipmentId = dice.chance(profile.invoiceWithoutShipmentRate())
                    ? shipmentOfNoOne(order, dice) : shipment.getShipmentId();
            Draft draft = new Draft(at, shipmentId, lines);
            if (!dice.chance(profile.overInvoiceRate())) {
                drafts.add(draft);
            } else if (dice.chance(0.5)) {
                drafts.add(withExtraUnit(draft, versions, dice));
            } else {
                drafts.add(draft);
                drafts.add(billedAgain(draft, dice));
            }
        }
        drafts.sort(Comparator.comparing(Draft::at));
        List<InvoiceEvent> invoices = new ArrayList<>();
        for (Draft draft : drafts) {
            String invoiceId = Ids.invoiceId(order.orderNumber(), invoices.size() + 1);
            invoices.add(new InvoiceEvent(dice.uuid().toString(), order.correlationId(), draft.at(), invoiceId,
                    draft.shipmentId(), order.currency(), draft.lines()));
        }
        return invoices;
    }

    private Instant invoiceTime(OrderHeader order, Instant shippedAt, Dice dice) {
        if (dice.chance(profile.invoiceBeforeShipmentRate())) {
            Instant early = shippedAt.minus(dice.skewed(Duration.ofMinutes(1), Duration.ofHours(6)));
            return early.isAfter(order.placedAt()) ? early : order.placedAt();
        }
        double draw = dice.unit();
        Duration delay;
        if (draw < 0.50) {
            delay = dice.skewed(Duration.ofMinutes(1), Duration.ofMinutes(30));
        } else if (draw < 0.80) {
            delay = dice.skewed(Duration.ofMinutes(30), Duration.ofHours(8));
        } else if (draw < 0.93) {
            delay = dice.between(Duration.ofHours(8), Duration.ofHours(30));
        } else {
            delay = dice.skewed(Duration.ofHours(30), Duration.ofDays(12));
        }
        return shippedAt.plus(delay);
    }

    private static Draft withExtraUnit(Draft draft, OrderVersions versions, Dice dice) {
        List<InvoiceLine> lines = new ArrayList<>(draft.lines());
        int index = dice.between(0, lines.size() - 1);
        InvoiceLine line = lines.get(index);
        lines.set(index, invoiceLine(line.getLineId(), line.getQuantity() + 1, versions));
        return new Draft(draft.at(), draft.shipmentId(), lines);
    }

    /** The same shipment billed a second time under a new invoice number. */
    private static Draft billedAgain(Draft draft, Dice dice) {
        List<InvoiceLine> copies = draft.lines().stream()
                .map(l -> new InvoiceLine(l.getLineId(), l.getQuantity(), l.getAmount()))
                .toList();
        Instant later = draft.at().plus(dice.skewed(Duration.ofHours(1), Duration.ofDays(5)));
        return new Draft(later, draft.shipmentId(), copies);
    }

    /** Mostly a missing reference; sometimes a shipment number that belongs to no shipment of this order. */
    private static String shipmentOfNoOne(OrderHeader order, Dice dice) {
        return dice.chance(0.7) ? null : Ids.shipmentId(order.orderNumber(), dice.between(90, 99));
    }

    private static InvoiceLine invoiceLine(String lineId, long quantity, OrderVersions versions) {
        BigDecimal price = versions.unitPrice(lineId);
        BigDecimal unitPrice = price != null ? price : UNKNOWN_LINE_PRICE;
        return new InvoiceLine(lineId, quantity, unitPrice.multiply(BigDecimal.valueOf(quantity)));
    }
}
