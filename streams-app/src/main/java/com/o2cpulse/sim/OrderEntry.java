package com.o2cpulse.sim;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the order desk records: who orders what through which channel, later changes and cancellations. */
final class OrderEntry {

    private static final int SKU_DRAWS = 5;

    private final SimulationProfile profile;
    private final MasterData masterData;

    OrderEntry(SimulationProfile profile, MasterData masterData) {
        this.profile = profile;
        this.masterData = masterData;
    }

    OrderHeader header(long orderNumber, Instant placedAt, Dice dice) {
        Channel channel = dice.weighted(Channel.MIX);
        return new OrderHeader(orderNumber, placedAt, channel, masterData.customer(channel, dice));
    }

    Basket basket(OrderHeader order, Dice dice) {
        int count = order.channel().lineCount(dice);
        Set<String> skus = new HashSet<>();
        List<Basket.Line> lines = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            lines.add(newLine(order, String.valueOf(n), skus, dice));
        }
        return Basket.of(lines);
    }

    /** Most changes come within the hour; some arrive after the warehouse has already shipped. */
    OrderVersions versions(OrderHeader order, Basket placed, Dice dice) {
        if (!dice.chance(profile.amendmentRate())) {
            return OrderVersions.placedOnly(placed);
        }
        Duration after = dice.chance(0.7)
                ? dice.skewed(Duration.ofMinutes(2), Duration.ofHours(2))
                : dice.skewed(Duration.ofHours(6), Duration.ofHours(72));
        return new OrderVersions(placed, order.placedAt().plus(after), amend(order, placed, dice));
    }

    /** An early cancellation, decided before fulfilment; late ones are placed after the first shipment. */
    Optional<Instant> earlyCancellation(OrderHeader order, boolean cancelled, Dice dice) {
        if (!cancelled || dice.chance(0.3)) {
            return Optional.empty();
        }
        return Optional.of(order.placedAt().plus(dice.skewed(Duration.ofMinutes(2), Duration.ofHours(3))));
    }

    Instant lateCancellation(Instant firstShipment, Dice dice) {
        return firstShipment.plus(dice.skewed(Duration.ofMinutes(10), Duration.ofDays(2)));
    }

    boolean cancels(Dice dice) {
        return dice.chance(profile.cancellationRate());
    }

    private Basket amend(OrderHeader order, Basket placed, Dice dice) {
        List<Basket.Line> lines = new ArrayList<>();
        Set<String> skus = new HashSet<>();
        boolean changed = false;
        for (Basket.Line line : placed.lines()) {
            skus.add(line.sku());
            double draw = dice.unit();
            if (draw < 0.45) {
                long delta = dice.between(1, Math.max(1, line.quantity() / 2));
                long quantity = dice.chance(0.5) ? line.quantity() + delta : Math.max(1, line.quantity() - delta);
                changed |= quantity != line.quantity();
                lines.add(line.withQuantity(quantity));
            } else if (draw < 0.55 && !lines.isEmpty()) {
                lines.add(line.withQuantity(0));
                changed = true;
            } else {
                lines.add(line);
            }
        }
        if (!changed || dice.chance(0.25)) {
            lines.add(newLine(order, String.valueOf(placed.lines().size() + 1), skus, dice));
        }
        return Basket.of(lines);
    }

    private Basket.Line newLine(OrderHeader order, String lineId, Set<String> skusInOrder, Dice dice) {
        MasterData.Sku sku = masterData.sku(dice);
        for (int draw = 1; draw < SKU_DRAWS && skusInOrder.contains(sku.sku()); draw++) {
            sku = masterData.sku(dice);
        }
        skusInOrder.add(sku.sku());
        BigDecimal price = masterData.unitPrice(sku, order.region());
        return new Basket.Line(lineId, sku.sku(), order.channel().units(dice), price);
    }
}
