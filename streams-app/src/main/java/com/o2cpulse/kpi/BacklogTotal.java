package com.o2cpulse.kpi;

import static java.lang.Math.addExact;
import static java.lang.Math.negateExact;

import java.math.BigDecimal;
import java.util.Objects;

/** Backlog of one key: open orders, lines, units, exact open value (scale 2) and backordered units. */
public record BacklogTotal(long openOrders, long openLines, long openUnits, BigDecimal openValue, long backorderedUnits)
        implements KpiTotal {

    public BacklogTotal {
        // One scale for every amount, so that equal values are equal records.
        openValue = Objects.requireNonNull(openValue, "openValue").setScale(2);
    }

    @Override
    public KpiFamily family() {
        return KpiFamily.BACKLOG;
    }

    @Override
    public BacklogTotal plus(KpiTotal other) {
        BacklogTotal o = KpiTotal.sameFamily(other, BacklogTotal.class);
        return new BacklogTotal(addExact(openOrders, o.openOrders), addExact(openLines, o.openLines),
                addExact(openUnits, o.openUnits), openValue.add(o.openValue), addExact(backorderedUnits, o.backorderedUnits));
    }

    @Override
    public BacklogTotal negate() {
        return new BacklogTotal(negateExact(openOrders), negateExact(openLines), negateExact(openUnits), openValue.negate(),
                negateExact(backorderedUnits));
    }

    @Override
    public boolean isZero() {
        return openOrders == 0 && openLines == 0 && openUnits == 0 && openValue.signum() == 0 && backorderedUnits == 0;
    }
}
