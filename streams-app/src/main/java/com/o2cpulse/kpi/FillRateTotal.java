package com.o2cpulse.kpi;

import static java.lang.Math.addExact;
import static java.lang.Math.negateExact;

/** Fill-rate counts of one key: lines and units of first shipments, and orders shipped and filled. */
public record FillRateTotal(long linesShipped, long linesFilled, long unitsOrdered, long unitsFilled,
                            long ordersShipped, long ordersFilled) implements KpiTotal {

    public static FillRateTotal line(long ordered, long inFirstShipment) {
        return new FillRateTotal(1, inFirstShipment >= ordered ? 1 : 0, ordered, Math.min(inFirstShipment, ordered), 0, 0);
    }

    public static FillRateTotal order(boolean filled) {
        return new FillRateTotal(0, 0, 0, 0, 1, filled ? 1 : 0);
    }

    @Override
    public KpiFamily family() {
        return KpiFamily.FILL_RATE;
    }

    @Override
    public FillRateTotal plus(KpiTotal other) {
        FillRateTotal o = KpiTotal.sameFamily(other, FillRateTotal.class);
        return new FillRateTotal(addExact(linesShipped, o.linesShipped), addExact(linesFilled, o.linesFilled),
                addExact(unitsOrdered, o.unitsOrdered), addExact(unitsFilled, o.unitsFilled),
                addExact(ordersShipped, o.ordersShipped), addExact(ordersFilled, o.ordersFilled));
    }

    @Override
    public FillRateTotal negate() {
        return new FillRateTotal(negateExact(linesShipped), negateExact(linesFilled), negateExact(unitsOrdered),
                negateExact(unitsFilled), negateExact(ordersShipped), negateExact(ordersFilled));
    }

    @Override
    public boolean isZero() {
        return linesShipped == 0 && linesFilled == 0 && unitsOrdered == 0 && unitsFilled == 0 && ordersShipped == 0 && ordersFilled == 0;
    }
}
