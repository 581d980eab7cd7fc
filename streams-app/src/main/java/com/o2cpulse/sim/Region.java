package com.o2cpulse.sim;

import com.o2cpulse.sim.Dice.Weighted;
import java.math.BigDecimal;
import java.util.List;

/** Where a customer is served from: its currency, the warehouses that can ship to it and the carriers there. */
enum Region {
    NORTH_AMERICA("USD", "1.00", List.of("W-EAST", "W-CENTRAL", "W-WEST"),
            List.of(new Weighted<>("UPS", 35), new Weighted<>("FEDEX", 30), new Weighted<>("USPS", 15),
                    new Weighted<>("DHL", 5))),
    EUROPE("EUR", "0.93", List.of("W-ROTTERDAM", "W-LEIPZIG"),
            List.of(new Weighted<>("DHL", 45), new Weighted<>("DPD", 25), new Weighted<>("UPS", 20),
                    new Weighted<>("FEDEX", 10))),
    UNITED_KINGDOM("GBP", "0.79", List.of("W-MIDLANDS", "W-ROTTERDAM"),
            List.of(new Weighted<>("DPD", 35), new Weighted<>("DHL", 30), new Weighted<>("ROYAL_MAIL", 20),
                    new Weighted<>("UPS", 15)));

    static final List<Weighted<Region>> MIX = List.of(
            new Weighted<>(NORTH_AMERICA, 80), new Weighted<>(EUROPE, 12), new Weighted<>(UNITED_KINGDOM, 8));

    private static final List<String> FREIGHT_CARRIERS = List.of("XPO", "ODFL", "ESTES");
    private static final long PALLET_UNITS = 200;

    private final String currency;
    private final BigDecimal priceFactor;
    private final List<String> warehouses;
    private final List<Weighted<String>> parcelCarriers;

    Region(String currency, String priceFactor, List<String> warehouses, List<Weighted<String>> parcelCarriers) {
        this.currency = currency;
        this.priceFactor = new BigDecimal(priceFactor);
        this.warehouses = warehouses;
        this.parcelCarriers = parcelCarriers;
    }

    String currency() {
        return currency;
    }

    /** Price-list conversion from the USD list price. */
    BigDecimal priceFactor() {
        return priceFactor;
    }

    List<String> warehouses() {
        return warehouses;
    }

    String otherWarehouse(String warehouse, Dice dice) {
        List<String> others = warehouses.stream().filter(w -> !w.equals(warehouse)).toList();
        return dice.oneOf(others);
    }

    /** Big North American shipments go by LTL freight; the rest by parcel. */
    String carrier(long units, Dice dice) {
        if (this == NORTH_AMERICA && units >= PALLET_UNITS) {
            return dice.oneOf(FREIGHT_CARRIERS);
        }
        return dice.weighted(parcelCarriers);
    }
}
