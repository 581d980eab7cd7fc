package com.o2cpulse.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** The settings that KPI rules depend on: the business time zone for day buckets and the invoice SLA. */
public record KpiRules(ZoneId businessZone, Duration invoiceSla) {

    public static final KpiRules DEFAULT = new KpiRules(ZoneOffset.UTC, Duration.ofHours(24));

    public KpiRules {
        Objects.requireNonNull(businessZone, "businessZone");
        Objects.requireNonNull(invoiceSla, "invoiceSla");
        if (invoiceSla.isNegative()) {
            throw new IllegalArgumentException("invoice SLA must not be negative: " + invoiceSla);
        }
    }

    public LocalDate businessDate(Instant instant) {
        return instant.atZone(businessZone).toLocalDate();
    }
}
