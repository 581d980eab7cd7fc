package com.o2cpulse.kpi;

/**
 * The running total of one KPI key, or what one order contributes to it: fixed fields per KPI family, summed
 * exactly (a long that would overflow throws instead of wrapping). Immutable; a total whose every field is zero
 * {@link #isZero() is zero}, and zero totals are removed, so equal figures are equal totals.
 */
public sealed interface KpiTotal permits FillRateTotal, BacklogTotal, InvoiceLatencyTotal, ReconciliationTotal {

    KpiFamily family();

    /** The sum of this and a total of the same family. */
    KpiTotal plus(KpiTotal other);

    KpiTotal negate();

    boolean isZero();

    /** Both totals of one family, or a clear error: adding a fill rate to a backlog is a wiring defect. */
    static <T extends KpiTotal> T sameFamily(KpiTotal total, Class<T> type) {
        if (!type.isInstance(total)) {
            throw new IllegalArgumentException("cannot add " + total.family() + " to " + type.getSimpleName());
        }
        return type.cast(total);
    }
}
