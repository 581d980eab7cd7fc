package com.o2cpulse.oracle;

import static com.o2cpulse.oracle.ReplayEvents.allocation;
import static com.o2cpulse.oracle.ReplayEvents.amended;
import static com.o2cpulse.oracle.ReplayEvents.invoice;
import static com.o2cpulse.oracle.ReplayEvents.placed;
import static com.o2cpulse.oracle.ReplayEvents.shipment;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;

/** Lines the oracle must skip, each the broken twin of a valid line that would change the KPIs of {@link #baseScenario()}. */
final class InvalidLines {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private InvalidLines() {}

  static List<String> baseScenario() {
    return List.of(
        placed("o-1", "SO-1", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 10, "5.00").line("2", 5, "1.00").json(),
        allocation("a-1", "SO-1", "2026-11-21T10:00:00Z", "W-EAST").allocated("1", 4, 6).json(),
        shipment("s-1", "SO-1", "2026-11-21T12:00:00Z", "SH-1", "W-EAST").line("1", 4).json(),
        invoice("i-1", "SO-1", "2026-11-21T13:00:00Z", "I-1", "SH-1").line("1", 4, "20.00").json());
  }

  static ReplayEvents.Builder validShipment() {
    return shipment("s-9", "SO-1", "2026-11-21T11:00:00Z", "SH-9", "W-WEST").line("1", 10);
  }

  static ReplayEvents.Builder validAmendment() {
    return amended("o-9", "SO-1", "2026-11-22T09:00:00Z", "EDI", "USD").line("1", 1, "5.00");
  }

  static ReplayEvents.Builder validAllocation() {
    return allocation("a-9", "SO-1", "2026-11-21T10:30:00Z", "W-EAST").allocated("2", 1, 4);
  }

  static ReplayEvents.Builder validInvoice() {
    return invoice("i-9", "SO-1", "2026-11-21T14:00:00Z", "I-9", "SH-1").line("2", 9, "9.00");
  }

  /** The valid twins: each changes the KPIs of the base scenario. */
  static List<String> validTwins() {
    return List.of(validShipment().json(), validAmendment().json(), validAllocation().json(),
        validInvoice().json());
  }

  static List<String> all() {
    String shipmentJson = validShipment().json();
    return List.of(
        "not json at all",
        "",
        "[]",
        "42",
        "null",
        shipmentJson.substring(0, shipmentJson.length() - 1),
        shipmentJson + "}",
        validShipment().set("stream", "returns").json(),
        validShipment().set("stream", "SHIPMENT").json(),
        validShipment().remove("stream").json(),
        validShipment().remove("eventId").json(),
        validShipment().set("eventId", "  ").json(),
        validShipment().set("eventId", NullNode.getInstance()).json(),
        validShipment().remove("correlationId").json(),
        validShipment().set("correlationId", "").json(),
        validShipment().remove("eventTime").json(),
        validShipment().set("eventTime", "yesterday").json(),
        validShipment().set("eventTime", "2026-11-21").json(),
        validShipment().set("eventTime", "1969-12-31T23:59:59.999Z").json(),
        validShipment().set("eventTime", NullNode.getInstance()).json(),
        validShipment().set("eventTime", IntNode.valueOf(1_700_000_000)).json(),
        validShipment().line("2", -1).json(),
        validShipment().line("1", 2).json(),
        validShipment().rawLine(JSON.objectNode().put("lineId", "3").put("quantity", 1.5)).json(),
        validShipment().remove("shipmentId").json(),
        validShipment().remove("warehouseId").json(),
        validShipment().remove("lines").json(),
        validAmendment().remove("channel").json(),
        validAmendment().remove("currency").json(),
        validAmendment().set("channel", "").json(),
        validAmendment().set("currency", NullNode.getInstance()).json(),
        validAmendment().set("eventType", "SHIPPED").json(),
        validAmendment().remove("eventType").json(),
        validAmendment().line("2", -1, "1.00").json(),
        validAmendment().line("2", 1, "abc").json(),
        validAmendment().line("2", 1, "1.001").json(),
        validAmendment().line("2", 1, "1.000").json(),
        validAmendment().line("2", 1, "-1.00").json(),
        validAmendment().line("2", 1, "1,00").json(),
        validAmendment().line("1", 1, "5.00").json(),
        validAmendment().rawLine(JSON.objectNode().put("lineId", "2").put("sku", "SKU-2").put("quantity", 1)).json(),
        validAllocation().allocated("3", -1, 0).json(),
        validAllocation().allocated("3", 0, -1).json(),
        validAllocation().allocated("2", 1, 1).json(),
        validInvoice().line("3", -1, "1.00").json(),
        validInvoice().line("3", 1, "0.001").json(),
        validInvoice().line("3", 1, "-0.01").json(),
        validInvoice().line("3", 1, "one").json(),
        validInvoice().line("2", 1, "1.00").json(),
        validInvoice().remove("invoiceId").json());
  }
}
