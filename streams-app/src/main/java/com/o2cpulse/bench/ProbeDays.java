package com.o2cpulse.bench;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency probe i is an order placed on its own business day, {@link #FIRST} + i days, long before any simulated
 * order: the first KPI record whose key names that day ({@code …|day=YYYY-MM-DD…}, the KPI topics' key contract)
 * can only carry probe i's effect, which ties a KPI record to the one event it was caused by.
 */
final class ProbeDays {

    static final LocalDate FIRST = LocalDate.of(1971, 1, 1);
    /** Probe days stay well before the simulated ones (this century), whatever the number of probes. */
    static final int MAX_PROBES = 10_000;
    private static final Pattern DAY = Pattern.compile("(?:^|\\|)day=(\\d{4}-\\d{2}-\\d{2})(?:\\||$)");

    private ProbeDays() {
    }

    static LocalDate dayOf(int probe) {
        if (probe < 0 || probe >= MAX_PROBES) {
            throw new IllegalArgumentException("probe index out of range: " + probe);
        }
        return FIRST.plusDays(probe);
    }

    /** The probe whose day a KPI key names, if it names one. */
    static OptionalInt probeOf(String kpiKey) {
        if (kpiKey == null) {
            return OptionalInt.empty();
        }
        Matcher matcher = DAY.matcher(kpiKey);
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        try {
            long index = ChronoUnit.DAYS.between(FIRST, LocalDate.parse(matcher.group(1)));
            return index >= 0 && index < MAX_PROBES ? OptionalInt.of((int) index) : OptionalInt.empty();
        } catch (DateTimeParseException e) {
            return OptionalInt.empty();
        }
    }
}
