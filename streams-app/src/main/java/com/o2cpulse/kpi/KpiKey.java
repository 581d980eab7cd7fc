package com.o2cpulse.kpi;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One KPI key with its parts. {@link #key()} is the stable string of the KPI topics
 * ({@code scope=value|day=YYYY-MM-DD[|currency=XXX]} or {@code type=T}); {@link #storeKey()} prefixes the family
 * so that all KPIs share one aggregation.
 */
public record KpiKey(KpiFamily family, String scope, String scopeValue, LocalDate day, String currency, String type) {

    public static final String ALL = "all";
    public static final String CHANNEL = "channel";
    public static final String WAREHOUSE = "warehouse";

    public KpiKey {
        Objects.requireNonNull(family, "family");
    }

    public static KpiKey scoped(KpiFamily family, String scope, String scopeValue, LocalDate day) {
        return new KpiKey(family, scope, scopeValue, day, null, null);
    }

    public static KpiKey backlog(String scope, String scopeValue, LocalDate day, String currency) {
        return new KpiKey(KpiFamily.BACKLOG, scope, scopeValue, day, currency, null);
    }

    public static KpiKey reconciliation(ReconciliationType type) {
        return new KpiKey(KpiFamily.RECONCILIATION, null, null, null, null, type.name());
    }

    public String key() {
        if (family == KpiFamily.RECONCILIATION) {
            return "type=" + type;
        }
        String key = scope + "=" + scopeValue + "|day=" + day;
        return currency == null ? key : key + "|currency=" + currency;
    }

    public String storeKey() {
        return family.id() + "/" + key();
    }

    /** True when the store key is one of this family's, without parsing it. */
    public static boolean isOfFamily(String storeKey, KpiFamily family) {
        String id = family.id();
        return storeKey.length() > id.length() && storeKey.startsWith(id) && storeKey.charAt(id.length()) == '/';
    }

    /** Inverse of {@link #storeKey()}; key parts never hold separators (the validator rejects them). */
    public static KpiKey parseStoreKey(String storeKey) {
        int slash = storeKey.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a KPI store key: " + storeKey);
        }
        return parse(KpiFamily.byId(storeKey.substring(0, slash)), storeKey.substring(slash + 1));
    }

    /** Parses a KPI topic key of the given family. */
    public static KpiKey parse(KpiFamily family, String key) {
        Map<String, String> parts = new HashMap<>();
        String scope = null;
        String scopeValue = null;
        for (String part : key.split("\\|")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed KPI key '" + key + "'");
            }
            String name = part.substring(0, eq);
            String value = part.substring(eq + 1);
            if (scope == null && !name.equals("type")) {
                scope = name;
                scopeValue = value;
            } else {
                parts.put(name, value);
            }
        }
        try {
            if (family == KpiFamily.RECONCILIATION) {
                return reconciliation(ReconciliationType.valueOf(require(parts, "type", key)));
            }
            if (!Objects.equals(scope, ALL) && !Objects.equals(scope, CHANNEL) && !Objects.equals(scope, WAREHOUSE)) {
                throw new IllegalArgumentException("unknown scope '" + scope + "' in KPI key '" + key + "'");
            }
            LocalDate day = LocalDate.parse(require(parts, "day", key));
            String currency = family == KpiFamily.BACKLOG ? require(parts, "currency", key) : null;
            return new KpiKey(family, scope, scopeValue, day, currency, null);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("malformed day in KPI key '" + key + "'");
        }
    }

    private static String require(Map<String, String> parts, String name, String key) {
        String value = parts.get(name);
        if (value == null) {
            throw new IllegalArgumentException("KPI key '" + key + "' lacks " + name);
        }
        return value;
    }
}
