package com.o2cpulse.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OracleDiffTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TOPIC = "o2c.kpi.fill-rate";
  private static final String KEY = "all=*|day=2026-11-21";
  private static final String RECORD =
      "{'scope':'all','scopeValue':'*','day':'2026-11-21','linesShipped':3,'unitFillRate':0.7142857142857143,"
          + "'orderFillRate':null,'histogram':{'1240':2}}";

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static Map<String, Map<String, ObjectNode>> topics(String key, ObjectNode value) {
    return Map.of(TOPIC, Map.of(key, value));
  }

  @Test
  void equalTopicsHaveNoDifference() {
    assertThat(OracleDiff.diff(topics(KEY, json(RECORD)), topics(KEY, json(RECORD)))).isEmpty();
  }

  @Test
  void updatedAtIsIgnored() {
    ObjectNode actual = json(RECORD).put("updatedAt", 1_790_000_000_000L);
    assertThat(OracleDiff.diff(topics(KEY, json(RECORD)), topics(KEY, actual))).isEmpty();
  }

  @Test
  void integersCompareByValueAndDoublesWithinRelativeTolerance() {
    ObjectNode actual = json(RECORD);
    actual.set("linesShipped", LongNode.valueOf(3));
    actual.put("unitFillRate", 0.7142857142857143 * (1 + 1e-12));
    assertThat(OracleDiff.diff(topics(KEY, json(RECORD)), topics(KEY, actual))).isEmpty();

    actual.put("unitFillRate", 0.7142857142857143 * (1 + 1e-7));
    assertThat(OracleDiff.diff(topics(KEY, json(RECORD)), topics(KEY, actual)))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(TOPIC, KEY, "unitFillRate", "0.7142857142857143");
  }

  @Test
  void missingAndExtraKeysAreReported() {
    List<String> differences = OracleDiff.diff(topics(KEY, json(RECORD)), topics("all=*|day=2026-11-22", json(RECORD)));
    assertThat(differences).hasSize(2);
    assertThat(differences).anySatisfy(d -> assertThat(d).contains("missing key " + KEY));
    assertThat(differences).anySatisfy(d -> assertThat(d).contains("extra key all=*|day=2026-11-22"));

    assertThat(OracleDiff.diff(topics(KEY, json(RECORD)), Map.of()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING).contains("missing key " + KEY);
  }

  @Test
  void differingAbsentNullAndNestedFieldsAreReported() {
    ObjectNode actual = json(RECORD);
    actual.put("linesShipped", 4);
    actual.put("orderFillRate", 1.0);
    actual.remove("day");
    actual.with("histogram").put("1240", 3);
    actual.put("extra", "x");

    List<String> differences = OracleDiff.diff(topics(KEY, json(RECORD)), topics(KEY, actual));

    assertThat(differences).containsExactlyInAnyOrder(
        TOPIC + " " + KEY + " field day: expected \"2026-11-21\", actual <absent>",
        TOPIC + " " + KEY + " field extra: expected <absent>, actual \"x\"",
        TOPIC + " " + KEY + " field histogram.1240: expected 2, actual 3",
        TOPIC + " " + KEY + " field linesShipped: expected 3, actual 4",
        TOPIC + " " + KEY + " field orderFillRate: expected null, actual 1.0");
  }

  @Test
  void moneyStringsCompareExactly() {
    ObjectNode expected = json("{'openValue':'1234.50'}");
    ObjectNode actual = json("{'openValue':'1234.5'}");
    assertThat(OracleDiff.diff(topics(KEY, expected), topics(KEY, actual))).hasSize(1);
  }
}
