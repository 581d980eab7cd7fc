package com.o2cpulse.serve;

import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.kpi.KpiKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Which keys of one KPI a list query wants: query parameters {@code scope} (all|channel|warehouse),
 * {@code scopeValue}, {@code from}/{@code to} (YYYY-MM-DD, inclusive, on the key's day) and {@code currency}
 * (backlog only). Absent parameters match everything. Reconciliation keys have neither scope nor day: only
 * the KPI selects them.
 */
record KpiFilter(KpiFamily family, String scope, String scopeValue, LocalDate from, LocalDate to, String currency) {

    private static final Set<String> SCOPES = Set.of(KpiKey.ALL, KpiKey.CHANNEL, KpiKey.WAREHOUSE);

    /** Parses the KPI id and the query parameters, read through {@code param} (null when absent). */
    static KpiFilter parse(String kpi, UnaryOperator<String> param) {
        KpiFamily family = family(kpi);
        String scope = blankToNull(param.apply("scope"));
        if (scope != null && !SCOPES.contains(scope)) {
            throw ApiException.badRequest("unknown scope '" + scope + "'; known: all, channel, warehouse");
        }
        String scopeValue = blankToNull(param.apply("scopeValue"));
        LocalDate from = day("from", param.apply("from"));
        LocalDate to = day("to", param.apply("to"));
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badRequest("from " + from + " is after to " + to);
        }
        String currency = blankToNull(param.apply("currency"));
        if (currency != null && family != KpiFamily.BACKLOG) {
            throw ApiException.badRequest("only backlog has a currency");
        }
        return new KpiFilter(family, scope, scopeValue, from, to, currency);
    }

    static KpiFamily family(String kpi) {
        try {
            return KpiFamily.byId(kpi);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Every store key of this KPI starts with this. */
    String storeKeyPrefix() {
        return family.id() + "/";
    }

    boolean matches(KpiKey key) {
        if (key.family() != family) {
            return false;
        }
        if (family == KpiFamily.RECONCILIATION) {
            return true;
        }
        return (scope == null || scope.equals(key.scope()))
                && (scopeValue == null || scopeValue.equals(key.scopeValue()))
                && (from == null || !key.day().isBefore(from))
                && (to == null || !key.day().isAfter(to))
                && (currency == null || currency.equals(key.currency()));
    }

    /** The same filter as query parameters, to pass on to other instances. */
    String queryString() {
        Map<String, String> params = new LinkedHashMap<>();
        putIfPresent(params, "scope", scope);
        putIfPresent(params, "scopeValue", scopeValue);
        putIfPresent(params, "from", from == null ? null : from.toString());
        putIfPresent(params, "to", to == null ? null : to.toString());
        putIfPresent(params, "currency", currency);
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static void putIfPresent(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    private static LocalDate day(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be a day as YYYY-MM-DD, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
