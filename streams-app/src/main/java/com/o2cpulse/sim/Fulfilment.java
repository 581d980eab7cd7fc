package com.o2cpulse.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans what the warehouses do with an order: allocate from the customer's home warehouse and sometimes a second
 * one, backorder what is out of stock and ship it after a restock (or never), ship each warehouse's allocation in
 * one or two waves, and follow an amendment made after allocation. Picking errors and foreign lines are added
 * later by {@link Anomalies}.
 */
final class Fulfilment {

    private static final Duration FASTEST_PICK = Duration.ofHours(1);
    private static final Duration SLOWEST_PICK = Duration.ofHours(30);
    private static final Duration SECOND_WAREHOUSE_LAG = Duration.ofSeconds(40);

    private final SimulationProfile profile;

    Fulfilment(SimulationProfile profile) {
        this.profile = profile;
    }

    record Allocated(long allocated, long backordered) {
    }

    /** Mutable while planning: capping and anomalies adjust the units. */
    record PlannedAllocation(Instant at, String warehouseId, Map<String, Allocated> lines) {
    }

    record PlannedShipment(Instant at, String warehouseId, Map<String, Long> units) {
    }

    record Plan(List<PlannedAllocation> allocations, List<PlannedShipment> shipments) {

        Instant firstShipmentOr(Instant fallback) {
            return shipments.stream().map(PlannedShipment::at).min(Comparator.naturalOrder()).orElse(fallback);
        }

        Plan cutOffAfter(Instant cancelledAt) {
            return new Plan(
                    allocations.stream().filter(a -> !a.at().isAfter(cancelledAt)).toList(),
                    shipments.stream().filter(s -> !s.at().isAfter(cancelledAt)).toList());
        }
    }

    Plan plan(OrderHeader order, OrderVersions versions, Dice dice) {
        Instant allocatedAt = order.placedAt().plus(order.channel().allocationDelay(dice));
        Basket target = versions.basketAt(allocatedAt);
        String home = order.customer().homeWarehouse();
        String second = dice.chance(profile.splitAllocationRate()) ? order.region().otherWarehouse(home, dice) : null;

        Map<String, Map<String, Allocated>> byWarehouse = new LinkedHashMap<>();
        for (Basket.Line line : target.lines()) {
            if (line.quantity() > 0) {
                source(line, home, second, dice).forEach((warehouse, units) -> byWarehouse
                        .computeIfAbsent(warehouse, w -> new LinkedHashMap<>())
                        .put(line.lineId(), allocate(units, dice)));
            }
        }

        List<PlannedAllocation> allocations = new ArrayList<>();
        List<PlannedShipment> shipments = new ArrayList<>();
        byWarehouse.forEach((warehouse, lines) -> {
            Instant at = warehouse.equals(home) ? allocatedAt : allocatedAt.plus(SECOND_WAREHOUSE_LAG);
            allocations.add(new PlannedAllocation(at, warehouse, lines));
            shipments.addAll(ship(warehouse, allocatedUnits(lines), at.plus(pickDelay(dice)), dice));
            restock(warehouse, lines, at, dice, allocations, shipments);
        });
        versions.amendment().filter(allocatedAt::isBefore).ifPresent(amendedAt ->
                topUp(home, target, versions.amended(), amendedAt, order, dice, allocations, shipments));
        shipments.sort(Comparator.comparing(PlannedShipment::at));
        return new Plan(allocations, capToVersions(shipments, versions));
    }

    /** Which warehouse ships how many units of a line: split orders source some lines, or part of one, elsewhere. */
    private static Map<String, Long> source(Basket.Line line, String home, String second, Dice dice) {
        Map<String, Long> units = new LinkedHashMap<>();
        double draw = dice.unit();
        if (second == null || draw >= 0.65) {
            units.put(home, line.quantity());
        } else if (draw < 0.45 || line.quantity() < 2) {
            units.put(second, line.quantity());
        } else {
            long fromSecond = dice.between(1, line.quantity() - 1);
            units.put(home, line.quantity() - fromSecond);
            units.put(second, fromSecond);
        }
        return units;
    }

    private Allocated allocate(long units, Dice dice) {
        if (!dice.chance(profile.backorderLineRate())) {
            return new Allocated(units, 0);
        }
        long backordered = dice.chance(0.5) ? units : dice.between(1, units);
        return new Allocated(units - backordered, backordered);
    }

    private static Map<String, Long> allocatedUnits(Map<String, Allocated> lines) {
        Map<String, Long> units = new LinkedHashMap<>();
        lines.forEach((lineId, a) -> {
            if (a.allocated() > 0) {
                units.put(lineId, a.allocated());
            }
        });
        return units;
    }

    /** Pick capacity sometimes ships an allocation in two waves, the second hours to days later. */
    private List<PlannedShipment> ship(String warehouse, Map<String, Long> units, Instant at, Dice dice) {
        long total = units.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return List.of();
        }
        if (total < 2 || !dice.chance(profile.partialShipmentRate())) {
            return List.of(new PlannedShipment(at, warehouse, new LinkedHashMap<>(units)));
        }
        Map<String, Long> first = new LinkedHashMap<>();
        Map<String, Long> rest = new LinkedHashMap<>();
        units.forEach((lineId, quantity) -> {
            long now = dice.between(0, quantity);
            addUnits(first, lineId, now);
            addUnits(rest, lineId, quantity - now);
        });
        if (first.isEmpty()) {
            moveOneUnit(rest, first);
        } else if (rest.isEmpty()) {
            moveOneUnit(first, rest);
        }
        Instant later = at.plus(dice.skewed(Duration.ofHours(2), Duration.ofHours(72)));
        return List.of(new PlannedShipment(at, warehouse, first), new PlannedShipment(later, warehouse, rest));
    }

    /** Backordered units are allocated and shipped once stock arrives, days later, unless it never does. */
    private void restock(String warehouse, Map<String, Allocated> lines, Instant allocatedAt, Dice dice,
                         List<PlannedAllocation> allocations, List<PlannedShipment> shipments) {
        Map<String, Allocated> restocked = new LinkedHashMap<>();
        lines.forEach((lineId, a) -> {
            if (a.backordered() > 0) {
                restocked.put(lineId, new Allocated(a.backordered(), 0));
            }
        });
        if (restocked.isEmpty() || dice.chance(profile.backorderNeverFilledRate())) {
            return;
        }
        Instant at = allocatedAt.plus(dice.skewed(Duration.ofDays(1), Duration.ofDays(10)));
        allocations.add(new PlannedAllocation(at, warehouse, restocked));
        shipments.addAll(ship(warehouse, allocatedUnits(restocked), at.plus(pickDelay(dice)), dice));
    }

    /** An amendment after allocation that raises quantities or adds lines is allocated and shipped on its own. */
    private void topUp(String home, Basket allocatedVersion, Basket amended, Instant amendedAt, OrderHeader order,
                       Dice dice, List<PlannedAllocation> allocations, List<PlannedShipment> shipments) {
        Map<String, Allocated> extra = new LinkedHashMap<>();
        for (Basket.Line line : amended.lines()) {
            long more = line.quantity() - allocatedVersion.quantity(line.lineId());
            if (more > 0) {
                extra.put(line.lineId(), new Allocated(more, 0));
            }
        }
        if (extra.isEmpty()) {
            return;
        }
        Instant at = amendedAt.plus(order.channel().allocationDelay(dice));
        allocations.add(new PlannedAllocation(at, home, extra));
        shipments.addAll(ship(home, allocatedUnits(extra), at.plus(pickDelay(dice)), dice));
    }

    /** After an amendment, warehouses ship no more than the amended quantity still unshipped. */
    private static List<PlannedShipment> capToVersions(List<PlannedShipment> byTime, OrderVersions versions) {
        if (versions.amendment().isEmpty()) {
            return byTime;
        }
        Map<String, Long> shipped = new LinkedHashMap<>();
        List<PlannedShipment> capped = new ArrayList<>();
        for (PlannedShipment shipment : byTime) {
            Basket inForce = versions.basketAt(shipment.at());
            Map<String, Long> units = new LinkedHashMap<>();
            shipment.units().forEach((lineId, quantity) -> {
                long open = Math.max(0, inForce.quantity(lineId) - shipped.getOrDefault(lineId, 0L));
                long shipping = shipment.at().isBefore(versions.amendedAt()) ? quantity : Math.min(quantity, open);
                addUnits(units, lineId, shipping);
                shipped.merge(lineId, shipping, Long::sum);
            });
            if (!units.isEmpty()) {
                capped.add(new PlannedShipment(shipment.at(), shipment.warehouseId(), units));
            }
        }
        return capped;
    }

    private static Duration pickDelay(Dice dice) {
        return dice.skewed(FASTEST_PICK, SLOWEST_PICK);
    }

    private static void addUnits(Map<String, Long> units, String lineId, long quantity) {
        if (quantity > 0) {
            units.merge(lineId, quantity, Long::sum);
        }
    }

    private static void moveOneUnit(Map<String, Long> from, Map<String, Long> to) {
        String lineId = from.keySet().iterator().next();
        long left = from.get(lineId) - 1;
        if (left == 0) {
            from.remove(lineId);
        } else {
            from.put(lineId, left);
        }
        to.put(lineId, 1L);
    }
}
