package com.o2cpulse.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one replay line into a {@link ReplayEvent}, or says why the line is invalid (production sends such lines
 * to the dead-letter topic). Written from KPI-SPEC and the input Avro schemas, independently of production code.
 *
 * <p>Invalid: not a JSON object; unknown stream; missing or blank eventId or correlationId; missing or unparseable
 * eventTime, or one before 1970-01-01; eventType other than PLACED, AMENDED, CANCELLED; PLACED/AMENDED without
 * channel or currency; a field the Avro schema requires missing or of the wrong JSON type (shipmentId, warehouseId,
 * invoiceId, lines, lineId, sku, quantity, allocated, backordered, unitPrice, amount); a quantity that is not a whole
 * number; a negative quantity, allocated or backordered; a money value that is unparseable, has more than 2 fraction
 * digits or is negative; the same lineId twice in one event. A CANCELLED event may omit {@code lines}.
 */
public final class ReplayLineParser {

  /** The outcome of parsing one line: exactly one of {@code event} and {@code rejection} is set. */
  public record Parsed(ReplayEvent event, String rejection) {
    public boolean accepted() {
      return event != null;
    }
  }

  private final ObjectMapper mapper = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  public Parsed parse(String line) {
    try {
      return new Parsed(read(line), null);
    } catch (Invalid e) {
      return new Parsed(null, e.getMessage());
    }
  }

  private ReplayEvent read(String line) throws Invalid {
    JsonNode root;
    try {
      root = line == null ? null : mapper.readTree(line);
    } catch (JsonProcessingException e) {
      throw new Invalid("not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Invalid("not a JSON object");
    }
    String streamName = optionalText(root, "stream");
    ReplayStream stream = ReplayStream.fromFileName(streamName)
        .orElseThrow(() -> new Invalid("unknown stream " + streamName));
    String eventId = nonBlank(root, "eventId");
    String correlationId = nonBlank(root, "correlationId");
    long eventTime = eventTime(root);
    switch (stream) {
      case ORDER:
        return order(root, eventId, correlationId, eventTime);
      case ALLOCATION:
        return new ReplayEvent(stream, eventId, correlationId, eventTime, null, null, null,
            requiredText(root, "warehouseId"), null, null, lines(root, stream, true));
      case SHIPMENT:
        return new ReplayEvent(stream, eventId, correlationId, eventTime, null, null, null,
            requiredText(root, "warehouseId"), requiredText(root, "shipmentId"), null, lines(root, stream, true));
      case INVOICE:
        return new ReplayEvent(stream, eventId, correlationId, eventTime, null, null, optionalText(root, "currency"),
            null, optionalText(root, "shipmentId"), requiredText(root, "invoiceId"), lines(root, stream, true));
      default:
        throw new IllegalStateException(stream.name());
    }
  }

  private ReplayEvent order(JsonNode root, String eventId, String correlationId, long eventTime) throws Invalid {
    String eventType = optionalText(root, "eventType");
    if (!"PLACED".equals(eventType) && !"AMENDED".equals(eventType) && !"CANCELLED".equals(eventType)) {
      throw new Invalid("eventType " + eventType);
    }
    boolean cancelled = "CANCELLED".equals(eventType);
    String channel = optionalText(root, "channel");
    String currency = optionalText(root, "currency");
    if (!cancelled && (isBlank(channel) || isBlank(currency))) {
      throw new Invalid(eventType + " without channel or currency");
    }
    optionalText(root, "customerId");
    return new ReplayEvent(ReplayStream.ORDER, eventId, correlationId, eventTime, eventType, channel, currency,
        null, null, null, lines(root, ReplayStream.ORDER, !cancelled));
  }

  private static long eventTime(JsonNode root) throws Invalid {
    JsonNode node = root.get("eventTime");
    if (node == null || !node.isTextual()) {
      throw new Invalid("missing eventTime");
    }
    Instant instant;
    long millis;
    try {
      instant = Instant.parse(node.textValue());
      millis = instant.toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      throw new Invalid("unparseable eventTime " + node.textValue());
    }
    if (instant.isBefore(Instant.EPOCH)) {
      throw new Invalid("eventTime before 1970 " + node.textValue());
    }
    return millis;
  }

  private static Map<String, ReplayEvent.Line> lines(JsonNode root, ReplayStream stream, boolean required)
      throws Invalid {
    JsonNode array = root.get("lines");
    if (array == null || array.isNull()) {
      if (required) {
        throw new Invalid("missing lines");
      }
      return Collections.emptyMap();
    }
    if (!array.isArray()) {
      throw new Invalid("lines is not an array");
    }
    Map<String, ReplayEvent.Line> lines = new LinkedHashMap<>();
    for (JsonNode node : array) {
      if (!node.isObject()) {
        throw new Invalid("line is not an object");
      }
      ReplayEvent.Line line = line(node, stream);
      if (lines.putIfAbsent(line.lineId(), line) != null) {
        throw new Invalid("lineId " + line.lineId() + " listed twice");
      }
    }
    return Collections.unmodifiableMap(lines);
  }

  private static ReplayEvent.Line line(JsonNode node, ReplayStream stream) throws Invalid {
    String lineId = requiredText(node, "lineId");
    switch (stream) {
      case ORDER:
        requiredText(node, "sku");
        return new ReplayEvent.Line(lineId, units(node, "quantity"), 0, 0, money(node, "unitPrice"));
      case ALLOCATION:
        return new ReplayEvent.Line(lineId, 0, units(node, "allocated"), units(node, "backordered"), null);
      case SHIPMENT:
        return new ReplayEvent.Line(lineId, units(node, "quantity"), 0, 0, null);
      case INVOICE:
        return new ReplayEvent.Line(lineId, units(node, "quantity"), 0, 0, money(node, "amount"));
      default:
        throw new IllegalStateException(stream.name());
    }
  }

  private static long units(JsonNode line, String field) throws Invalid {
    JsonNode node = line.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new Invalid(field + " is not a whole number");
    }
    long value = node.longValue();
    if (value < 0) {
      throw new Invalid("negative " + field);
    }
    return value;
  }

  private static BigDecimal money(JsonNode line, String field) throws Invalid {
    JsonNode node = line.get(field);
    BigDecimal value;
    if (node != null && node.isTextual()) {
      try {
        value = new BigDecimal(node.textValue());
      } catch (NumberFormatException e) {
        throw new Invalid("unparseable " + field + " " + node.textValue());
      }
    } else if (node != null && node.isNumber()) {
      value = node.decimalValue();
    } else {
      throw new Invalid("missing " + field);
    }
    if (value.scale() > 2) {
      throw new Invalid(field + " has more than 2 fraction digits");
    }
    if (value.signum() < 0) {
      throw new Invalid("negative " + field);
    }
    return value;
  }

  private static String nonBlank(JsonNode root, String field) throws Invalid {
    String value = optionalText(root, field);
    if (isBlank(value)) {
      throw new Invalid("missing " + field);
    }
    return value;
  }

  private static String requiredText(JsonNode node, String field) throws Invalid {
    String value = optionalText(node, field);
    if (value == null) {
      throw new Invalid("missing " + field);
    }
    return value;
  }

  /** The text of a string field, null when absent or JSON null; any other JSON type is invalid. */
  private static String optionalText(JsonNode node, String field) throws Invalid {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new Invalid(field + " is not a string");
    }
    return value.textValue();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }
}
