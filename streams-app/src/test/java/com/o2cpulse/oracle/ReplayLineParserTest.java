package com.o2cpulse.oracle;

import static com.o2cpulse.oracle.ReplayEvents.cancelled;
import static com.o2cpulse.oracle.ReplayEvents.invoice;
import static com.o2cpulse.oracle.ReplayEvents.placed;
import static com.o2cpulse.oracle.ReplayEvents.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayLineParserTest {

  private final ReplayLineParser parser = new ReplayLineParser();

  private ReplayEvent accepted(Object line) {
    ReplayLineParser.Parsed parsed = parser.parse(line.toString());
    assertThat(parsed.rejection()).as(line.toString()).isNull();
    return parsed.event();
  }

  @Test
  void readsTheSpecExampleLine() {
    ReplayEvent event = accepted("{\"stream\":\"shipment\",\"eventId\":\"s-9\",\"correlationId\":\"SO-1\","
        + "\"eventTime\":\"2026-11-23T11:45:00Z\",\"shipmentId\":\"SH-4\",\"warehouseId\":\"W-EAST\","
        + "\"carrier\":\"UPS\",\"lines\":[{\"lineId\":\"1\",\"quantity\":8}]}");

    assertThat(event.stream()).isEqualTo(ReplayStream.SHIPMENT);
    assertThat(event.eventId()).isEqualTo("s-9");
    assertThat(event.correlationId()).isEqualTo("SO-1");
    assertThat(event.eventTimeMillis()).isEqualTo(Instant.parse("2026-11-23T11:45:00Z").toEpochMilli());
    assertThat(event.shipmentId()).isEqualTo("SH-4");
    assertThat(event.warehouseId()).isEqualTo("W-EAST");
    assertThat(event.quantityOf("1")).isEqualTo(8);
  }

  @Test
  void acceptsMoneyWithUpToTwoFractionDigitsAsStringOrNumber() {
    ReplayEvent order = accepted(placed("o-1", "SO-1", "2026-11-21T09:00:00Z", "EDI", "USD")
        .line("1", 1, "12.5").line("2", 1, "12").line("3", 0, "0.00"));
    assertThat(order.line("1").orElseThrow().money()).isEqualByComparingTo("12.50");
    assertThat(order.line("2").orElseThrow().money()).isEqualByComparingTo("12");
    assertThat(order.lines()).containsKey("3");

    ReplayEvents.Builder numeric = invoice("i-1", "SO-1", "2026-11-21T09:00:00Z", "I-1", "SH-1");
    numeric.rawLine(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        .put("lineId", "1").put("quantity", 1).set("amount", DecimalNode.valueOf(new BigDecimal("3.25"))));
    assertThat(accepted(numeric).line("1").orElseThrow().money()).isEqualByComparingTo("3.25");

    String tooPrecise = numeric.json().replace("3.25", "3.250");
    assertThat(parser.parse(tooPrecise).accepted()).isFalse();
  }

  @Test
  void acceptsEventTimesFromTheEpochWithOffsetsAndTruncatesBelowTheMillisecond() {
    assertThat(accepted(shipment("s-1", "SO-1", "1970-01-01T00:00:00Z", "SH-1", "W").line("1", 1)).eventTimeMillis())
        .isZero();
    assertThat(accepted(shipment("s-1", "SO-1", "2026-11-21T10:00:00+01:00", "SH-1", "W")).eventTimeMillis())
        .isEqualTo(Instant.parse("2026-11-21T09:00:00Z").toEpochMilli());
    assertThat(accepted(shipment("s-1", "SO-1", "2026-11-21T09:00:00.123999Z", "SH-1", "W")).eventTimeMillis())
        .isEqualTo(Instant.parse("2026-11-21T09:00:00.123Z").toEpochMilli());
  }

  @Test
  void cancellationNeedsNoChannelCurrencyOrLines() {
    ReplayEvent event = accepted(cancelled("c-1", "SO-1", "2026-11-21T09:00:00Z").remove("lines"));
    assertThat(event.isCancellation()).isTrue();
    assertThat(event.lines()).isEmpty();
  }

  @Test
  void invoiceMayNameNoShipment() {
    assertThat(accepted(invoice("i-1", "SO-1", "2026-11-21T09:00:00Z", "I-1", null)).shipmentId()).isNull();
  }

  @Test
  void rejectsEveryInvalidLineWithAReason() {
    for (String line : InvalidLines.all()) {
      ReplayLineParser.Parsed parsed = parser.parse(line);
      assertThat(parsed.accepted()).as(line).isFalse();
      assertThat(parsed.rejection()).as(line).isNotBlank();
    }
    for (String line : InvalidLines.validTwins()) {
      accepted(line);
    }
    for (String line : InvalidLines.baseScenario()) {
      accepted(line);
    }
  }
}
