package com.o2cpulse.kpi;

/** Open reconciliation exceptions of one type. */
public record ReconciliationTotal(long count) implements KpiTotal {

    public static final ReconciliationTotal ONE = new ReconciliationTotal(1);

    @Override
    public KpiFamily family() {
        return KpiFamily.RECONCILIATION;
    }

    @Override
    public ReconciliationTotal plus(KpiTotal other) {
        return new ReconciliationTotal(Math.addExact(count, KpiTotal.sameFamily(other, ReconciliationTotal.class).count));
    }

    @Override
    public ReconciliationTotal negate() {
        return new ReconciliationTotal(Math.negateExact(count));
    }

    @Override
    public boolean isZero() {
        return count == 0;
    }
}
