package com.o2cpulse.oracle;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * One validated event of a replay file, as the oracle sees it. Fields that a stream does not carry are null.
 *
 * @param stream          the stream the line named
 * @param eventId         unique id of the event on its stream
 * @param correlationId   the order the event belongs to
 * @param eventTimeMillis event time in epoch milliseconds (sub-millisecond digits truncated, as Avro timestamp-millis keeps them)
 * @param eventType       PLACED, AMENDED or CANCELLED (order stream only)
 * @param channel         sales channel (order stream)
 * @param currency        currency (order and invoice streams)
 * @param warehouseId     warehouse (allocation and shipment streams)
 * @param shipmentId      shipment id (shipment stream), or the shipment billed (invoice stream, may be null)
 * @param invoiceId       invoice number (invoice stream)
 * @param lines           lines by lineId, in file order; lineIds are unique within an event
 */
public record ReplayEvent(
    ReplayStream stream,
    String eventId,
    String correlationId,
    long eventTimeMillis,
    String eventType,
    String channel,
    String currency,
    String warehouseId,
    String shipmentId,
    String invoiceId,
    Map<String, Line> lines) {

  /**
   * One line of an event. {@code quantity} is the ordered, shipped or invoiced units; {@code allocated} and
   * {@code backordered} are set for allocation lines; {@code money} is the unit price of an order line or the amount
   * of an invoice line.
   */
  public record Line(String lineId, long quantity, long allocated, long backordered, BigDecimal money) {}

  /** The quantity this event lists for the line, or 0 when it does not list it. */
  public long quantityOf(String lineId) {
    Line line = lines.get(lineId);
    return line == null ? 0 : line.quantity();
  }

  public boolean lists(String lineId) {
    return lines.containsKey(lineId);
  }

  public Optional<Line> line(String lineId) {
    return Optional.ofNullable(lines.get(lineId));
  }

  public boolean isVersion() {
    return stream == ReplayStream.ORDER && ("PLACED".equals(eventType) || "AMENDED".equals(eventType));
  }

  public boolean isCancellation() {
    return stream == ReplayStream.ORDER && "CANCELLED".equals(eventType);
  }
}
