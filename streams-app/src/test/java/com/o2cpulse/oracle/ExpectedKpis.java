package com.o2cpulse.oracle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Hand-written expected KPI records for tests; fields not given here are part of the key. */
final class ExpectedKpis {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Map<String, Map<String, ObjectNode>> topics = new LinkedHashMap<>();

  ExpectedKpis() {
    BatchKpiOracle.TOPICS.forEach(topic -> topics.put(topic, new TreeMap<>()));
  }

  Map<String, Map<String, ObjectNode>> topics() {
    return topics;
  }

  Map<String, ObjectNode> topic(String topic) {
    return topics.get(topic);
  }

  ExpectedKpis fill(String key, long linesShipped, long linesFilled, long unitsOrdered, long unitsFilled,
      long ordersShipped, long ordersFilled, Double lineFillRate, Double unitFillRate, Double orderFillRate) {
    ObjectNode node = header(key)
        .put("linesShipped", linesShipped)
        .put("linesFilled", linesFilled)
        .put("unitsOrdered", unitsOrdered)
        .put("unitsFilled", unitsFilled)
        .put("ordersShipped", ordersShipped)
        .put("ordersFilled", ordersFilled)
        .put("lineFillRate", lineFillRate)
        .put("unitFillRate", unitFillRate)
        .put("orderFillRate", orderFillRate);
    topics.get(BatchKpiOracle.FILL_RATE_TOPIC).put(key, node);
    return this;
  }

  ExpectedKpis backlog(String key, long openOrders, long openLines, long openUnits, String openValue,
      long backorderedUnits) {
    String currency = key.substring(key.indexOf("|currency=") + "|currency=".length());
    ObjectNode node = header(key)
        .put("currency", currency)
        .put("openOrders", openOrders)
        .put("openLines", openLines)
        .put("openUnits", openUnits)
        .put("openValue", openValue)
        .put("backorderedUnits", backorderedUnits);
    topics.get(BatchKpiOracle.BACKLOG_TOPIC).put(key, node);
    return this;
  }

  /** {@code histogram} as "bucket:count,bucket:count" (empty string for none). */
  ExpectedKpis latency(String key, long shipments, long invoiced, long notInvoiced, long overSla,
      long latencySumSeconds, Long p50, Long p90, Long p99, String histogram) {
    ObjectNode node = header(key)
        .put("shipments", shipments)
        .put("invoiced", invoiced)
        .put("notInvoiced", notInvoiced)
        .put("overSla", overSla)
        .put("latencySumSeconds", latencySumSeconds)
        .put("p50Seconds", p50)
        .put("p90Seconds", p90)
        .put("p99Seconds", p99);
    ObjectNode buckets = node.putObject("histogram");
    if (!histogram.isEmpty()) {
      for (String entry : histogram.split(",")) {
        String[] parts = entry.split(":");
        buckets.put(parts[0].trim(), Long.parseLong(parts[1].trim()));
      }
    }
    topics.get(BatchKpiOracle.INVOICE_LATENCY_TOPIC).put(key, node);
    return this;
  }

  /** A latency record of shipments none of which is invoiced. */
  ExpectedKpis notInvoiced(String key, long shipments) {
    return latency(key, shipments, 0, shipments, 0, 0, null, null, null, "");
  }

  ExpectedKpis reconciliation(String type, long count) {
    topics.get(BatchKpiOracle.RECONCILIATION_TOPIC)
        .put("type=" + type, JSON.objectNode().put("type", type).put("count", count));
    return this;
  }

  /** scope, scopeValue and day from a key "scope=value|day=YYYY-MM-DD[|...]". */
  private static ObjectNode header(String key) {
    String[] parts = key.split("\\|");
    String[] scope = parts[0].split("=", 2);
    String day = parts[1].substring("day=".length());
    return JSON.objectNode().put("scope", scope[0]).put("scopeValue", scope[1]).put("day", day);
  }
}
