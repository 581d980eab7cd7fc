package com.o2cpulse.oracle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

/** Running sums of the four KPI topics, keyed exactly as KPI-SPEC keys them, rendered to the JSON form of their Avro records. */
final class KpiTables {

  static final String ALL = "all";
  static final String CHANNEL = "channel";
  static final String WAREHOUSE = "warehouse";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Map<String, FillRate> fillRate = new TreeMap<>();
  private final Map<String, Backlog> backlog = new TreeMap<>();
  private final Map<String, InvoiceLatency> invoiceLatency = new TreeMap<>();
  private final Map<String, Long> reconciliation = new TreeMap<>();

  static String scopeKey(String scope, String scopeValue, LocalDate day) {
    return scope + "=" + scopeValue + "|day=" + day;
  }

  FillRate fillRate(String scope, String scopeValue, LocalDate day) {
    return fillRate.computeIfAbsent(scopeKey(scope, scopeValue, day), k -> new FillRate(scope, scopeValue, day));
  }

  Backlog backlog(String scope, String scopeValue, LocalDate day, String currency) {
    return backlog.computeIfAbsent(scopeKey(scope, scopeValue, day) + "|currency=" + currency,
        k -> new Backlog(scope, scopeValue, day, currency));
  }

  InvoiceLatency invoiceLatency(String scope, String scopeValue, LocalDate day) {
    return invoiceLatency.computeIfAbsent(scopeKey(scope, scopeValue, day),
        k -> new InvoiceLatency(scope, scopeValue, day));
  }

  void reconciliation(String type, long count) {
    reconciliation.merge(type, count, Long::sum);
  }

  Map<String, Map<String, ObjectNode>> toJson() {
    Map<String, Map<String, ObjectNode>> topics = new LinkedHashMap<>();
    topics.put(BatchKpiOracle.FILL_RATE_TOPIC, render(fillRate, FillRate::isZero, FillRate::toJson));
    topics.put(BatchKpiOracle.BACKLOG_TOPIC, render(backlog, Backlog::isZero, Backlog::toJson));
    topics.put(BatchKpiOracle.INVOICE_LATENCY_TOPIC,
        render(invoiceLatency, InvoiceLatency::isZero, InvoiceLatency::toJson));
    Map<String, ObjectNode> recon = new TreeMap<>();
    reconciliation.forEach((type, count) -> {
      if (count != 0) {
        recon.put("type=" + type, JSON.objectNode().put("type", type).put("count", count));
      }
    });
    topics.put(BatchKpiOracle.RECONCILIATION_TOPIC, recon);
    return topics;
  }

  private static <T> Map<String, ObjectNode> render(Map<String, T> table, Function<T, Boolean> isZero,
      Function<T, ObjectNode> toJson) {
    Map<String, ObjectNode> records = new TreeMap<>();
    table.forEach((key, totals) -> {
      if (!isZero.apply(totals)) {
        records.put(key, toJson.apply(totals));
      }
    });
    return records;
  }

  private static ObjectNode header(String scope, String scopeValue, LocalDate day) {
    return JSON.objectNode().put("scope", scope).put("scopeValue", scopeValue).put("day", day.toString());
  }

  private static void putRate(ObjectNode node, String field, long numerator, long denominator) {
    if (denominator == 0) {
      node.putNull(field);
    } else {
      node.put(field, (double) numerator / denominator);
    }
  }

  private static void putOptional(ObjectNode node, String field, OptionalLong value) {
    if (value.isPresent()) {
      node.put(field, value.getAsLong());
    } else {
      node.putNull(field);
    }
  }

  static final class FillRate {
    private final String scope;
    private final String scopeValue;
    private final LocalDate day;
    long linesShipped;
    long linesFilled;
    long unitsOrdered;
    long unitsFilled;
    long ordersShipped;
    long ordersFilled;

    private FillRate(String scope, String scopeValue, LocalDate day) {
      this.scope = scope;
      this.scopeValue = scopeValue;
      this.day = day;
    }

    boolean isZero() {
      return linesShipped == 0 && linesFilled == 0 && unitsOrdered == 0 && unitsFilled == 0 && ordersShipped == 0
          && ordersFilled == 0;
    }

    ObjectNode toJson() {
      ObjectNode node = header(scope, scopeValue, day)
          .put("linesShipped", linesShipped)
          .put("linesFilled", linesFilled)
          .put("unitsOrdered", unitsOrdered)
          .put("unitsFilled", unitsFilled)
          .put("ordersShipped", ordersShipped)
          .put("ordersFilled", ordersFilled);
      putRate(node, "lineFillRate", linesFilled, linesShipped);
      putRate(node, "unitFillRate", unitsFilled, unitsOrdered);
      putRate(node, "orderFillRate", ordersFilled, ordersShipped);
      return node;
    }
  }

  static final class Backlog {
    private final String scope;
    private final String scopeValue;
    private final LocalDate day;
    private final String currency;
    long openOrders;
    long openLines;
    long openUnits;
    BigDecimal openValue = BigDecimal.ZERO;
    long backorderedUnits;

    private Backlog(String scope, String scopeValue, LocalDate day, String currency) {
      this.scope = scope;
      this.scopeValue = scopeValue;
      this.day = day;
      this.currency = currency;
    }

    boolean isZero() {
      return openOrders == 0 && openLines == 0 && openUnits == 0 && openValue.signum() == 0
          && backorderedUnits == 0;
    }

    ObjectNode toJson() {
      return header(scope, scopeValue, day)
          .put("currency", currency)
          .put("openOrders", openOrders)
          .put("openLines", openLines)
          .put("openUnits", openUnits)
          .put("openValue", openValue.setScale(2, RoundingMode.UNNECESSARY).toPlainString())
          .put("backorderedUnits", backorderedUnits);
    }
  }

  static final class InvoiceLatency {
    private final String scope;
    private final String scopeValue;
    private final LocalDate day;
    long shipments;
    long invoiced;
    long notInvoiced;
    long overSla;
    long latencySumSeconds;
    final TreeMap<Long, Long> histogram = new TreeMap<>();

    private InvoiceLatency(String scope, String scopeValue, LocalDate day) {
      this.scope = scope;
      this.scopeValue = scopeValue;
      this.day = day;
    }

    boolean isZero() {
      return shipments == 0 && invoiced == 0 && notInvoiced == 0 && overSla == 0 && latencySumSeconds == 0
          && histogram.values().stream().allMatch(c -> c == 0);
    }

    ObjectNode toJson() {
      ObjectNode node = header(scope, scopeValue, day)
          .put("shipments", shipments)
          .put("invoiced", invoiced)
          .put("notInvoiced", notInvoiced)
          .put("overSla", overSla)
          .put("latencySumSeconds", latencySumSeconds);
      putOptional(node, "p50Seconds", LatencyBuckets.percentile(histogram, 50));
      putOptional(node, "p90Seconds", LatencyBuckets.percentile(histogram, 90));
      putOptional(node, "p99Seconds", LatencyBuckets.percentile(histogram, 99));
      ObjectNode buckets = node.putObject("histogram");
      histogram.forEach((bucket, count) -> {
        if (count != 0) {
          buckets.put(Long.toString(bucket), count);
        }
      });
      return node;
    }
  }
}
