package com.o2cpulse.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A small builder of replay-file lines (KPI-SPEC JSON lines) for tests. */
public final class ReplayEvents {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ReplayEvents() {}

  public static Builder placed(String eventId, String correlationId, String eventTime, String channel,
      String currency) {
    return order("PLACED", eventId, correlationId, eventTime, channel, currency);
  }

  public static Builder amended(String eventId, String correlationId, String eventTime, String channel,
      String currency) {
    return order("AMENDED", eventId, correlationId, eventTime, channel, currency);
  }

  public static Builder cancelled(String eventId, String correlationId, String eventTime) {
    return new Builder("order", eventId, correlationId, eventTime).set("eventType", "CANCELLED");
  }

  public static Builder allocation(String eventId, String correlationId, String eventTime, String warehouseId) {
    return new Builder("allocation", eventId, correlationId, eventTime).set("warehouseId", warehouseId);
  }

  public static Builder shipment(String eventId, String correlationId, String eventTime, String shipmentId,
      String warehouseId) {
    return new Builder("shipment", eventId, correlationId, eventTime)
        .set("shipmentId", shipmentId)
        .set("warehouseId", warehouseId)
        .set("carrier", "UPS");
  }

  /** An invoice billing {@code shipmentId}; null leaves the field out. */
  public static Builder invoice(String eventId, String correlationId, String eventTime, String invoiceId,
      String shipmentId) {
    Builder builder = new Builder("invoice", eventId, correlationId, eventTime)
        .set("invoiceId", invoiceId)
        .set("currency", "USD");
    return shipmentId == null ? builder : builder.set("shipmentId", shipmentId);
  }

  private static Builder order(String type, String eventId, String correlationId, String eventTime,
      String channel, String currency) {
    return new Builder("order", eventId, correlationId, eventTime)
        .set("eventType", type)
        .set("channel", channel)
        .set("customerId", "C-" + correlationId)
        .set("currency", currency);
  }

  /** Builds one line; every line method appends to {@code lines}. */
  public static final class Builder {
    private final ObjectNode node = JSON.objectNode();
    private final ArrayNode lines;

    private Builder(String stream, String eventId, String correlationId, String eventTime) {
      node.put("stream", stream).put("eventId", eventId).put("correlationId", correlationId)
          .put("eventTime", eventTime);
      lines = node.putArray("lines");
    }

    /** An order line ({@code money} = unit price) or an invoice line ({@code money} = amount). */
    public Builder line(String lineId, long quantity, String money) {
      ObjectNode line = lines.addObject().put("lineId", lineId);
      if ("order".equals(node.get("stream").asText())) {
        line.put("sku", "SKU-" + lineId).put("quantity", quantity).put("unitPrice", money);
      } else {
        line.put("quantity", quantity).put("amount", money);
      }
      return this;
    }

    /** A shipment line. */
    public Builder line(String lineId, long quantity) {
      lines.addObject().put("lineId", lineId).put("quantity", quantity);
      return this;
    }

    /** An allocation line. */
    public Builder allocated(String lineId, long allocated, long backordered) {
      lines.addObject().put("lineId", lineId).put("allocated", allocated).put("backordered", backordered);
      return this;
    }

    /** Adds an arbitrary line object (for invalid input). */
    public Builder rawLine(ObjectNode line) {
      lines.add(line);
      return this;
    }

    public Builder set(String field, String value) {
      node.put(field, value);
      return this;
    }

    public Builder set(String field, JsonNode value) {
      node.set(field, value);
      return this;
    }

    public Builder remove(String field) {
      node.remove(field);
      return this;
    }

    public String json() {
      return node.toString();
    }

    @Override
    public String toString() {
      return json();
    }
  }
}
