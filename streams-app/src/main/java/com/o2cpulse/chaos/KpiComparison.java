package com.o2cpulse.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares topic → key → JSON value maps field by field and lists every difference: a missing or extra key, a
 * differing field. The top-level {@code updatedAt} (processing wall-clock time) is ignored; integers compare exactly,
 * floating-point numbers within a relative tolerance of 1e-9, everything else (decimals are strings) exactly.
 */
final class KpiComparison {

    static final double RELATIVE_TOLERANCE = 1e-9;
    private static final String IGNORED_FIELD = "updatedAt";

    private KpiComparison() {
    }

    static List<String> differences(Map<String, Map<String, ObjectNode>> expected, Map<String, Map<String, ObjectNode>> actual) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> topics = new TreeSet<>(expected.keySet());
        topics.addAll(actual.keySet());
        for (String topic : topics) {
            Map<String, ObjectNode> want = expected.getOrDefault(topic, Map.of());
            Map<String, ObjectNode> got = actual.getOrDefault(topic, Map.of());
            TreeSet<String> keys = new TreeSet<>(want.keySet());
            keys.addAll(got.keySet());
            for (String key : keys) {
                if (!got.containsKey(key)) {
                    differences.add(topic + " missing key " + key + ": expected " + want.get(key));
                } else if (!want.containsKey(key)) {
                    differences.add(topic + " extra key " + key + ": actual " + got.get(key));
                } else {
                    compareObjects(topic + " " + key + " field ", "", want.get(key), got.get(key), true, differences);
                }
            }
        }
        return differences;
    }

    private static void compareObjects(String where, String prefix, JsonNode want, JsonNode got, boolean topLevel,
            List<String> differences) {
        TreeSet<String> fields = new TreeSet<>();
        want.fieldNames().forEachRemaining(fields::add);
        got.fieldNames().forEachRemaining(fields::add);
        if (topLevel) {
            fields.remove(IGNORED_FIELD);
        }
        for (String field : fields) {
            compareValues(where, prefix + field, want.get(field), got.get(field), differences);
        }
    }

    private static void compareValues(String where, String field, JsonNode want, JsonNode got, List<String> differences) {
        if (want != null && got != null) {
            if (want.isObject() && got.isObject()) {
                compareObjects(where, field + ".", want, got, false, differences);
                return;
            }
            if (want.isArray() && got.isArray() && want.size() == got.size()) {
                Iterator<JsonNode> wanted = want.elements();
                Iterator<JsonNode> gotten = got.elements();
                for (int i = 0; wanted.hasNext(); i++) {
                    compareValues(where, field + "[" + i + "]", wanted.next(), gotten.next(), differences);
                }
                return;
            }
            if (sameScalar(want, got)) {
                return;
            }
        }
        differences.add(where + field + ": expected " + (want == null ? "<absent>" : want) + ", actual "
                + (got == null ? "<absent>" : got));
    }

    private static boolean sameScalar(JsonNode want, JsonNode got) {
        if (want.isNumber() && got.isNumber()) {
            if (want.isIntegralNumber() && got.isIntegralNumber()) {
                return want.bigIntegerValue().equals(got.bigIntegerValue());
            }
            return closeEnough(want.doubleValue(), got.doubleValue());
        }
        return want.equals(got);
    }

    static boolean closeEnough(double expected, double actual) {
        if (Double.compare(expected, actual) == 0) {
            return true;
        }
        if (!Double.isFinite(expected) || !Double.isFinite(actual)) {
            return false;
        }
        return Math.abs(expected - actual) <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual));
    }
}
