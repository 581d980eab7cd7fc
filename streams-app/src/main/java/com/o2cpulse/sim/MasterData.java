package com.o2cpulse.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * The distributor's catalog and customer base, fixed for one seed: a sku always has the same list price and a
 * customer always buys in the same currency from the same home warehouse.
 */
final class MasterData {

    private static final int SKU_COUNT = 4_000;
    private static final int FIRST_SKU = 10_000;
    private static final double MEDIAN_PRICE = 18.0;
    private static final double PRICE_SPREAD = 1.1;
    private static final BigDecimal LOWEST_PRICE = new BigDecimal("0.49");
    private static final BigDecimal HIGHEST_PRICE = new BigDecimal("2499.99");

    private final long seed;
    private final BigDecimal[] usdListPrices = new BigDecimal[SKU_COUNT];

    MasterData(long seed) {
        this.seed = seed;
        SplittableRandom prices = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < SKU_COUNT; i++) {
            usdListPrices[i] = listPrice(prices);
        }
    }

    record Customer(String customerId, Region region, String homeWarehouse) {
    }

    record Sku(String sku, int index) {
    }

    Customer customer(Channel channel, Dice dice) {
        int number = channel.customerNumber(dice);
        Dice traits = new Dice(seed * 31 + number);
        Region region = traits.weighted(Region.MIX);
        return new Customer(Ids.customerId(number), region, traits.oneOf(region.warehouses()));
    }

    Sku sku(Dice dice) {
        int index = dice.popular(SKU_COUNT);
        return new Sku("SKU-" + (FIRST_SKU + index), index);
    }

    BigDecimal unitPrice(Sku sku, Region region) {
        BigDecimal price = usdListPrices[sku.index()].multiply(region.priceFactor()).setScale(2, RoundingMode.HALF_UP);
        return price.max(new BigDecimal("0.01"));
    }

    /** Log-normal list prices: many cheap consumables, a few expensive items. */
    private static BigDecimal listPrice(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        double normal = Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
        BigDecimal price = BigDecimal.valueOf(MEDIAN_PRICE * StrictMath.exp(PRICE_SPREAD * normal))
                .setScale(2, RoundingMode.HALF_UP);
        return price.max(LOWEST_PRICE).min(HIGHEST_PRICE);
    }
}
