package com.o2cpulse.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares two sets of KPI topics (topic → key → JSON value) and lists every difference in words: missing keys,
 * extra keys and differing fields. {@code updatedAt} is ignored; numbers compare by value (an int equals the same
 * long), and floating-point numbers within a relative tolerance of 1e-9.
 */
public final class OracleDiff {

  public static final double RELATIVE_TOLERANCE = 1e-9;
  private static final String IGNORED_FIELD = "updatedAt";

  private OracleDiff() {}

  public static List<String> diff(Map<String, Map<String, ObjectNode>> expected,
      Map<String, Map<String, ObjectNode>> actual) {
    List<String> differences = new ArrayList<>();
    TreeSet<String> topics = new TreeSet<>();
    if (expected != null) {
      topics.addAll(expected.keySet());
    }
    if (actual != null) {
      topics.addAll(actual.keySet());
    }
    for (String topic : topics) {
      Map<String, ObjectNode> expectedRecords = recordsOf(expected, topic);
      Map<String, ObjectNode> actualRecords = recordsOf(actual, topic);
      TreeSet<String> keys = new TreeSet<>(expectedRecords.keySet());
      keys.addAll(actualRecords.keySet());
      for (String key : keys) {
        ObjectNode want = expectedRecords.get(key);
        ObjectNode got = actualRecords.get(key);
        if (got == null) {
          differences.add(topic + " missing key " + key + ": expected " + want);
        } else if (want == null) {
          differences.add(topic + " extra key " + key + ": actual " + got);
        } else {
          compareObjects(topic, key, "", want, got, true, differences);
        }
      }
    }
    return differences;
  }

  private static Map<String, ObjectNode> recordsOf(Map<String, Map<String, ObjectNode>> topics, String topic) {
    if (topics == null || topics.get(topic) == null) {
      return Map.of();
    }
    return topics.get(topic);
  }

  private static void compareObjects(String topic, String key, String prefix, JsonNode want, JsonNode got,
      boolean topLevel, List<String> differences) {
    TreeSet<String> fields = new TreeSet<>();
    want.fieldNames().forEachRemaining(fields::add);
    got.fieldNames().forEachRemaining(fields::add);
    if (topLevel) {
      fields.remove(IGNORED_FIELD);
    }
    for (String field : fields) {
      compareValues(topic, key, prefix + field, want.get(field), got.get(field), differences);
    }
  }

  private static void compareValues(String topic, String key, String field, JsonNode want, JsonNode got,
      List<String> differences) {
    if (want != null && got != null) {
      if (want.isObject() && got.isObject()) {
        compareObjects(topic, key, field + ".", want, got, false, differences);
        return;
      }
      if (want.isArray() && got.isArray() && want.size() == got.size()) {
        Iterator<JsonNode> wanted = want.elements();
        Iterator<JsonNode> gotten = got.elements();
        for (int i = 0; wanted.hasNext(); i++) {
          compareValues(topic, key, field + "[" + i + "]", wanted.next(), gotten.next(), differences);
        }
        return;
      }
      if (sameScalar(want, got)) {
        return;
      }
    }
    differences.add(topic + " " + key + " field " + field + ": expected " + describe(want) + ", actual "
        + describe(got));
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
    if (Double.compare(expected, actual) == 0 || expected == actual) {
      return true;
    }
    if (Double.isNaN(expected) || Double.isNaN(actual) || Double.isInfinite(expected)
        || Double.isInfinite(actual)) {
      return false;
    }
    return Math.abs(expected - actual) <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual));
  }

  private static String describe(JsonNode node) {
    return node == null ? "<absent>" : node.toString();
  }
}
