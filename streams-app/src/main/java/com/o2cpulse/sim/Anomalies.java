package com.o2cpulse.sim;

import java.util.ArrayList;
import java.util.List;

/** Warehouse mistakes that reconciliation must catch: picking too many units, lines the order never had. */
final class Anomalies {

    private final SimulationProfile profile;

    Anomalies(SimulationProfile profile) {
        this.profile = profile;
    }

    void addTo(Fulfilment.Plan plan, Basket latest, Dice dice) {
        for (Fulfilment.PlannedAllocation allocation : plan.allocations()) {
            if (dice.chance(profile.unknownLineRate())) {
                allocation.lines().put(latest.unusedLineId(dice), new Fulfilment.Allocated(dice.between(1, 10), 0));
            }
        }
        for (Fulfilment.PlannedShipment shipment : plan.shipments()) {
            if (dice.chance(profile.overShipmentRate())) {
                List<String> lineIds = new ArrayList<>(shipment.units().keySet());
                String lineId = dice.oneOf(lineIds);
                long units = shipment.units().get(lineId);
                shipment.units().put(lineId, units + dice.between(1, Math.max(1, units / 4)));
            }
            if (dice.chance(profile.unknownLineRate())) {
                shipment.units().put(latest.unusedLineId(dice), dice.between(1L, 5L));
            }
        }
    }
}
