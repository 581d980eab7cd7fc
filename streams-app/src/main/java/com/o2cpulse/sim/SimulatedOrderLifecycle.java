package com.o2cpulse.sim;

import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.AllocationLine;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.events.ShipmentLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Simulates one order from placement to its last invoice, as the order desk, warehouses and ERP record it. */
final class SimulatedOrderLifecycle {

    /** Carriers are occasionally assigned after the shipment confirmation leaves the warehouse. */
    private static final double CARRIER_UNKNOWN_RATE = 0.01;

    private final SimulationProfile profile;
    private final OrderEntry orderEntry;
    private final Fulfilment fulfilment;
    private final Anomalies anomalies;
    private final Billing billing;

    SimulatedOrderLifecycle(SimulationProfile profile, MasterData masterData) {
        this.profile = profile;
        this.orderEntry = new OrderEntry(profile, masterData);
        this.fulfilment = new Fulfilment(profile);
        this.anomalies = new Anomalies(profile);
        this.billing = new Billing(profile);
    }

    SimulatedOrder simulate(long orderNumber, Instant placedAt, Dice dice) {
        OrderHeader order = orderEntry.header(orderNumber, placedAt, dice);
        Basket placed = orderEntry.basket(order, dice);
        OrderVersions versions = orderEntry.versions(order, placed, dice);
        boolean cancelled = orderEntry.cancels(dice);
        Optional<Instant> earlyCancellation = orderEntry.earlyCancellation(order, cancelled, dice);
        if (earlyCancellation.isPresent()) {
            versions = amendedBefore(versions, earlyCancellation.get());
        }

        Fulfilment.Plan plan = fulfilment.plan(order, versions, dice);
        Instant cancelledAt = null;
        if (cancelled) {
            cancelledAt = earlyCancellation.orElseGet(
                    () -> orderEntry.lateCancellation(plan.firstShipmentOr(placedAt), dice));
            versions = amendedBefore(versions, cancelledAt);
        }
        Fulfilment.Plan done = cancelledAt == null ? plan : plan.cutOffAfter(cancelledAt);
        anomalies.addTo(done, versions.latest(), dice);

        List<SpecificRecord> events = new ArrayList<>();
        boolean orderFeedLost = dice.chance(profile.orphanRate());
        if (!orderFeedLost) {
            events.addAll(orderEvents(order, versions, cancelledAt, dice));
        }
        done.allocations().forEach(a -> events.add(allocationEvent(order, a, dice)));
        List<ShipmentEvent> shipments = shipmentEvents(order, done, dice);
        events.addAll(shipments);
        events.addAll(billing.invoices(order, versions, shipments, dice));
        return new SimulatedOrder(order, events);
    }

    /** A cancelled order takes no amendment from the moment it was cancelled. */
    private static OrderVersions amendedBefore(OrderVersions versions, Instant cancelledAt) {
        return versions.amendment().filter(at -> !at.isBefore(cancelledAt)).isPresent()
                ? versions.withoutAmendment() : versions;
    }

    private static List<OrderEvent> orderEvents(OrderHeader order, OrderVersions versions, Instant cancelledAt,
                                                Dice dice) {
        List<OrderEvent> events = new ArrayList<>();
        events.add(orderVersion(order, OrderEventType.PLACED, order.placedAt(), versions.placed(), dice));
        versions.amendment().ifPresent(at ->
                events.add(orderVersion(order, OrderEventType.AMENDED, at, versions.amended(), dice)));
        if (cancelledAt != null) {
            // Cancellation messages carry the order id only, as most order systems send them.
            events.add(new OrderEvent(dice.uuid().toString(), order.correlationId(), cancelledAt,
                    OrderEventType.CANCELLED, null, null, null, List.of()));
        }
        return events;
    }

    private static OrderEvent orderVersion(OrderHeader order, OrderEventType type, Instant at, Basket basket,
                                           Dice dice) {
        return new OrderEvent(dice.uuid().toString(), order.correlationId(), at, type, order.channel().name(),
                order.customer().customerId(), order.currency(), basket.toOrderLines());
    }

    private static AllocationEvent allocationEvent(OrderHeader order, Fulfilment.PlannedAllocation allocation,
                                                   Dice dice) {
        List<AllocationLine> lines = new ArrayList<>();
        allocation.lines().forEach((lineId, a) -> lines.add(new AllocationLine(lineId, a.allocated(), a.backordered())));
        return new AllocationEvent(dice.uuid().toString(), order.correlationId(), allocation.at(),
                allocation.warehouseId(), lines);
    }

    private static List<ShipmentEvent> shipmentEvents(OrderHeader order, Fulfilment.Plan plan, Dice dice) {
        List<ShipmentEvent> shipments = new ArrayList<>();
        for (Fulfilment.PlannedShipment planned : plan.shipments()) {
            String shipmentId = Ids.shipmentId(order.orderNumber(), shipments.size() + 1);
            List<ShipmentLine> lines = new ArrayList<>();
            planned.units().forEach((lineId, units) -> lines.add(new ShipmentLine(lineId, units)));
            long units = planned.units().values().stream().mapToLong(Long::longValue).sum();
            String carrier = dice.chance(CARRIER_UNKNOWN_RATE) ? null : order.region().carrier(units, dice);
            shipments.add(new ShipmentEvent(dice.uuid().toString(), order.correlationId(), planned.at(), shipmentId,
                    planned.warehouseId(), carrier, lines));
        }
        return shipments;
    }
}
