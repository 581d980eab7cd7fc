package com.o2cpulse.oracle;

import static com.o2cpulse.oracle.BatchKpiOracle.BACKLOG_TOPIC;
import static com.o2cpulse.oracle.BatchKpiOracle.FILL_RATE_TOPIC;
import static com.o2cpulse.oracle.BatchKpiOracle.INVOICE_LATENCY_TOPIC;
import static com.o2cpulse.oracle.BatchKpiOracle.RECONCILIATION_TOPIC;
import static com.o2cpulse.oracle.ReplayEvents.allocation;
import static com.o2cpulse.oracle.ReplayEvents.amended;
import static com.o2cpulse.oracle.ReplayEvents.cancelled;
import static com.o2cpulse.oracle.ReplayEvents.invoice;
import static com.o2cpulse.oracle.ReplayEvents.placed;
import static com.o2cpulse.oracle.ReplayEvents.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BatchKpiOracleTest {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Duration DAY_SLA = Duration.ofHours(24);

  private static Map<String, Map<String, ObjectNode>> run(Object... lines) {
    return run(UTC, DAY_SLA, lines);
  }

  private static Map<String, Map<String, ObjectNode>> run(ZoneId zone, Duration sla, Object... lines) {
    return BatchKpiOracle.compute(Arrays.stream(lines).map(Object::toString).toList(), zone, sla);
  }

  private static void assertKpis(Map<String, Map<String, ObjectNode>> actual, ExpectedKpis expected) {
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(BatchKpiOracle.TOPICS);
    assertThat(OracleDiff.diff(expected.topics(), actual)).isEmpty();
  }

  private static void assertTopic(Map<String, Map<String, ObjectNode>> actual, ExpectedKpis expected,
      String topic) {
    assertThat(OracleDiff.diff(Map.of(topic, expected.topic(topic)), Map.of(topic, actual.get(topic)))).isEmpty();
  }

  @Test
  void firstShipmentIsLeastByTimeThenShipmentId() {
    var result = run(
        placed("o-1", "SO-1", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 10, "5.00").line("2", 4, "2.50"),
        shipment("s-1", "SO-1", "2026-11-22T08:00:00Z", "SH-B", "W-WEST").line("1", 10),
        shipment("s-2", "SO-1", "2026-11-22T08:00:00Z", "SH-A", "W-EAST").line("1", 6),
        shipment("s-3", "SO-1", "2026-11-21T20:00:00Z", "SH-Z", "W-NORTH").line("2", 3));

    // line 1: SH-A and SH-B tie on time, SH-A wins (6 of 10); line 2 and the order: SH-Z is the earliest (3 of 4).
    assertKpis(result, new ExpectedKpis()
        .fill("all=*|day=2026-11-21", 1, 0, 4, 3, 1, 0, 0.0, 0.75, 0.0)
        .fill("channel=EDI|day=2026-11-21", 1, 0, 4, 3, 1, 0, 0.0, 0.75, 0.0)
        .fill("warehouse=W-NORTH|day=2026-11-21", 1, 0, 4, 3, 0, 0, 0.0, 0.75, null)
        .fill("all=*|day=2026-11-22", 1, 0, 10, 6, 0, 0, 0.0, 0.6, null)
        .fill("channel=EDI|day=2026-11-22", 1, 0, 10, 6, 0, 0, 0.0, 0.6, null)
        .fill("warehouse=W-EAST|day=2026-11-22", 1, 0, 10, 6, 0, 0, 0.0, 0.6, null)
        .backlog("all=*|day=2026-11-21|currency=USD", 1, 1, 1, "2.50", 0)
        .backlog("channel=EDI|day=2026-11-21|currency=USD", 1, 1, 1, "2.50", 0)
        .notInvoiced("all=*|day=2026-11-21", 1)
        .notInvoiced("channel=EDI|day=2026-11-21", 1)
        .notInvoiced("warehouse=W-NORTH|day=2026-11-21", 1)
        .notInvoiced("all=*|day=2026-11-22", 2)
        .notInvoiced("channel=EDI|day=2026-11-22", 2)
        .notInvoiced("warehouse=W-EAST|day=2026-11-22", 1)
        .notInvoiced("warehouse=W-WEST|day=2026-11-22", 1)
        .reconciliation("OVER_SHIPPED_LINE", 1));
    assertThat(result.get(FILL_RATE_TOPIC)).containsOnlyKeys(
        "all=*|day=2026-11-21", "channel=EDI|day=2026-11-21", "warehouse=W-NORTH|day=2026-11-21",
        "all=*|day=2026-11-22", "channel=EDI|day=2026-11-22", "warehouse=W-EAST|day=2026-11-22");
    assertThat(result.get(BACKLOG_TOPIC)).containsOnlyKeys(
        "all=*|day=2026-11-21|currency=USD", "channel=EDI|day=2026-11-21|currency=USD");
    assertThat(result.get(RECONCILIATION_TOPIC)).containsOnlyKeys("type=OVER_SHIPPED_LINE");
  }

  @Test
  void orderIsFilledWhenItsFirstShipmentHoldsEveryLine() {
    var result = run(
        placed("o-1", "SO-1", "2026-11-21T08:00:00Z", "EDI", "USD").line("1", 2, "1.00").line("2", 3, "1.00"),
        shipment("s-2", "SO-1", "2026-11-22T09:00:00Z", "SH-2", "W-WEST").line("1", 1),
        shipment("s-1", "SO-1", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 2).line("2", 5));

    assertTopic(result, new ExpectedKpis()
        .fill("all=*|day=2026-11-21", 2, 2, 5, 5, 1, 1, 1.0, 1.0, 1.0)
        .fill("channel=EDI|day=2026-11-21", 2, 2, 5, 5, 1, 1, 1.0, 1.0, 1.0)
        .fill("warehouse=W-EAST|day=2026-11-21", 2, 2, 5, 5, 0, 0, 1.0, 1.0, null), FILL_RATE_TOPIC);
    assertTopic(result, new ExpectedKpis().reconciliation("OVER_SHIPPED_LINE", 2), RECONCILIATION_TOPIC);
  }

  @Test
  void amendmentReplacesQuantitiesWhileOrderDayStaysTheEarliest() {
    var result = run(
        placed("o-1", "SO-2", "2026-11-21T09:00:00Z", "ECOMMERCE", "EUR").line("1", 5, "10.00").line("2", 3, "1.99"),
        amended("o-3", "SO-2", "2026-11-22T12:00:00Z", "MARKETPLACE", "EUR")
            .line("1", 8, "10.00").line("2", 0, "1.99").line("3", 2, "0.50"),
        shipment("s-1", "SO-2", "2026-11-22T15:00:00Z", "SH-1", "W-EAST").line("1", 5).line("2", 3),
        amended("o-2", "SO-2", "2026-11-21T10:00:00Z", "ECOMMERCE", "EUR").line("1", 1, "10.00"));

    // version o-3: line 1 = 8, line 2 dropped (0), line 3 = 2; channel MARKETPLACE; order day from o-1.
    assertKpis(result, new ExpectedKpis()
        .fill("all=*|day=2026-11-22", 1, 0, 8, 5, 1, 0, 0.0, 0.625, 0.0)
        .fill("channel=MARKETPLACE|day=2026-11-22", 1, 0, 8, 5, 1, 0, 0.0, 0.625, 0.0)
        .fill("warehouse=W-EAST|day=2026-11-22", 1, 0, 8, 5, 0, 0, 0.0, 0.625, null)
        .backlog("all=*|day=2026-11-21|currency=EUR", 1, 2, 5, "31.00", 0)
        .backlog("channel=MARKETPLACE|day=2026-11-21|currency=EUR", 1, 2, 5, "31.00", 0)
        .notInvoiced("all=*|day=2026-11-22", 1)
        .notInvoiced("channel=MARKETPLACE|day=2026-11-22", 1)
        .notInvoiced("warehouse=W-EAST|day=2026-11-22", 1)
        .reconciliation("UNKNOWN_LINE", 1));
  }

  @Test
  void versionTieOnEventTimeGoesToTheGreaterEventId() {
    var result = run(
        placed("o-1", "SO-3", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 3, "10.00"),
        amended("o-2", "SO-3", "2026-11-21T10:00:00Z", "EDI", "USD").line("1", 7, "10.00"),
        amended("o-10", "SO-3", "2026-11-21T10:00:00Z", "EDI", "USD").line("1", 1, "10.00"));

    // "o-2" > "o-10" as strings.
    assertKpis(result, new ExpectedKpis()
        .backlog("all=*|day=2026-11-21|currency=USD", 1, 1, 7, "70.00", 0)
        .backlog("channel=EDI|day=2026-11-21|currency=USD", 1, 1, 7, "70.00", 0));
  }

  @Test
  void zeroQuantityLinesAreNotLines() {
    var result = run(
        placed("o-1", "SO-4", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 0, "5.00").line("2", 2, "3.00"),
        shipment("s-1", "SO-4", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 1).line("2", 2),
        placed("o-2", "SO-5", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 0, "1.00"),
        shipment("s-2", "SO-5", "2026-11-21T11:00:00Z", "SH-2", "W-EAST").line("1", 1));

    // SO-4 is filled by its only real line; SO-5 has no line: no order fill, no backlog, but its shipment counts.
    assertKpis(result, new ExpectedKpis()
        .fill("all=*|day=2026-11-21", 1, 1, 2, 2, 1, 1, 1.0, 1.0, 1.0)
        .fill("channel=EDI|day=2026-11-21", 1, 1, 2, 2, 1, 1, 1.0, 1.0, 1.0)
        .fill("warehouse=W-EAST|day=2026-11-21", 1, 1, 2, 2, 0, 0, 1.0, 1.0, null)
        .notInvoiced("all=*|day=2026-11-21", 2)
        .notInvoiced("channel=EDI|day=2026-11-21", 2)
        .notInvoiced("warehouse=W-EAST|day=2026-11-21", 2)
        .reconciliation("UNKNOWN_LINE", 2));
  }

  @Test
  void cancellationRemovesBacklogButKeepsFillRateAndLatency() {
    var placedOrder = placed("o-1", "SO-6", "2026-11-21T10:00:00Z", "FIELD_SALES", "USD").line("1", 2, "100.00");
    var firstShipment = shipment("s-1", "SO-6", "2026-11-21T15:00:00Z", "SH-1", "W-EAST").line("1", 1);
    var cancellation = cancelled("c-1", "SO-6", "2026-11-21T16:00:00Z");

    ExpectedKpis shared = new ExpectedKpis()
        .fill("all=*|day=2026-11-21", 1, 0, 2, 1, 1, 0, 0.0, 0.5, 0.0)
        .fill("channel=FIELD_SALES|day=2026-11-21", 1, 0, 2, 1, 1, 0, 0.0, 0.5, 0.0)
        .fill("warehouse=W-EAST|day=2026-11-21", 1, 0, 2, 1, 0, 0, 0.0, 0.5, null)
        .notInvoiced("all=*|day=2026-11-21", 1)
        .notInvoiced("channel=FIELD_SALES|day=2026-11-21", 1)
        .notInvoiced("warehouse=W-EAST|day=2026-11-21", 1);
    assertKpis(run(cancellation, placedOrder, firstShipment), shared);

    assertKpis(run(placedOrder, firstShipment), shared
        .backlog("all=*|day=2026-11-21|currency=USD", 1, 1, 1, "100.00", 0)
        .backlog("channel=FIELD_SALES|day=2026-11-21|currency=USD", 1, 1, 1, "100.00", 0));
  }

  @Test
  void duplicatesAreIgnoredAndTheFirstArrivalWins() {
    var order = placed("o-1", "SO-7", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 10, "1.00");
    var ship = shipment("s-1", "SO-7", "2026-11-21T12:00:00Z", "SH-1", "W-EAST").line("1", 4);
    var result = run(
        order,
        ship,
        ship,
        shipment("s-1", "SO-7", "2026-11-21T11:00:00Z", "SH-9", "W-WEST").line("1", 10),
        order,
        allocation("s-1", "SO-7", "2026-11-21T10:00:00Z", "W-EAST").allocated("1", 4, 6));

    // the allocation shares the eventId on another stream, so it is not a duplicate.
    assertKpis(result, new ExpectedKpis()
        .fill("all=*|day=2026-11-21", 1, 0, 10, 4, 1, 0, 0.0, 0.4, 0.0)
        .fill("channel=EDI|day=2026-11-21", 1, 0, 10, 4, 1, 0, 0.0, 0.4, 0.0)
        .fill("warehouse=W-EAST|day=2026-11-21", 1, 0, 10, 4, 0, 0, 0.0, 0.4, null)
        .backlog("all=*|day=2026-11-21|currency=USD", 1, 1, 6, "6.00", 6)
        .backlog("channel=EDI|day=2026-11-21|currency=USD", 1, 1, 6, "6.00", 6)
        .notInvoiced("all=*|day=2026-11-21", 1)
        .notInvoiced("channel=EDI|day=2026-11-21", 1)
        .notInvoiced("warehouse=W-EAST|day=2026-11-21", 1));
  }

  @Test
  void eventsOfOrdersThatNeverBecomeKnownAreOrphans() {
    var result = run(
        allocation("a-1", "SO-X", "2026-11-21T10:00:00Z", "W-EAST").allocated("1", 1, 0),
        shipment("s-1", "SO-X", "2026-11-21T11:00:00Z", "SH-1", "W-EAST").line("1", 1),
        invoice("i-1", "SO-X", "2026-11-21T12:00:00Z", "I-1", "SH-1").line("1", 1, "2.00"),
        shipment("s-1", "SO-X", "2026-11-21T11:00:00Z", "SH-1", "W-EAST").line("1", 1),
        placed("o-x", "SO-X", "2026-11-21T09:00:00Z", "EDI", "USD").remove("currency").line("1", 1, "2.00"),
        cancelled("c-1", "SO-Y", "2026-11-21T09:00:00Z"),
        shipment("s-2", "SO-Y", "2026-11-21T11:00:00Z", "SH-2", "W-EAST").line("1", 1),
        shipment("s-3", "SO-Z", "2026-11-22T08:00:00Z", "SH-3", "W-EAST").line("1", 1),
        placed("o-z", "SO-Z", "2026-11-21T08:00:00Z", "EDI", "USD").line("1", 1, "2.00"));

    assertKpis(result, new ExpectedKpis()
        .fill("all=*|day=2026-11-22", 1, 1, 1, 1, 1, 1, 1.0, 1.0, 1.0)
        .fill("channel=EDI|day=2026-11-22", 1, 1, 1, 1, 1, 1, 1.0, 1.0, 1.0)
        .fill("warehouse=W-EAST|day=2026-11-22", 1, 1, 1, 1, 0, 0, 1.0, 1.0, null)
        .notInvoiced("all=*|day=2026-11-22", 1)
        .notInvoiced("channel=EDI|day=2026-11-22", 1)
        .notInvoiced("warehouse=W-EAST|day=2026-11-22", 1)
        .reconciliation("ORPHAN_EVENT", 4));
  }

  @Test
  void linesShippedMoreThanOrderedAreOverShipped() {
    var result = run(
        placed("o-1", "SO-8", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 5, "1.00").line("2", 2, "1.00"),
        shipment("s-1", "SO-8", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 3).line("2", 2),
        shipment("s-2", "SO-8", "2026-11-21T11:00:00Z", "SH-2", "W-EAST").line("1", 3));

    assertTopic(result, new ExpectedKpis().reconciliation("OVER_SHIPPED_LINE", 1), RECONCILIATION_TOPIC);
  }

  @Test
  void linesInvoicedMoreThanShippedAreOverInvoiced() {
    var result = run(
        placed("o-1", "SO-9", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 5, "1.00").line("2", 5, "1.00"),
        shipment("s-1", "SO-9", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 3).line("2", 5),
        invoice("i-1", "SO-9", "2026-11-21T11:00:00Z", "I-1", "SH-1").line("1", 4, "4.00"),
        invoice("i-2", "SO-9", "2026-11-21T12:00:00Z", "I-2", "SH-1").line("2", 5, "5.00"));

    assertTopic(result, new ExpectedKpis().reconciliation("OVER_INVOICED_LINE", 1), RECONCILIATION_TOPIC);
  }

  @Test
  void distinctLinesNamedOutsideTheVersionAreUnknown() {
    var result = run(
        placed("o-1", "SO-10", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 5, "1.00").line("2", 0, "1.00"),
        allocation("a-1", "SO-10", "2026-11-21T09:30:00Z", "W-EAST").allocated("1", 5, 0).allocated("9", 1, 0),
        shipment("s-1", "SO-10", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 5).line("9", 1),
        invoice("i-1", "SO-10", "2026-11-21T11:00:00Z", "I-1", "SH-1").line("9", 1, "1.00").line("2", 1, "1.00"),
        placed("o-2", "SO-11", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 1, "1.00"),
        shipment("s-2", "SO-11", "2026-11-21T10:00:00Z", "SH-2", "W-EAST").line("9", 1));

    // (SO-10, 9), (SO-10, 2) and (SO-11, 9).
    assertTopic(result, new ExpectedKpis().reconciliation("UNKNOWN_LINE", 3), RECONCILIATION_TOPIC);
  }

  @Test
  void invoicesNamingNoShipmentOfTheirOrderAreWithoutShipment() {
    var result = run(
        placed("o-1", "SO-12", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 5, "1.00"),
        shipment("s-1", "SO-12", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 5),
        invoice("i-1", "SO-12", "2026-11-21T11:00:00Z", "I-1", "SH-1").line("1", 5, "5.00"),
        invoice("i-2", "SO-12", "2026-11-21T11:00:00Z", "I-2", null),
        invoice("i-3", "SO-12", "2026-11-21T11:00:00Z", "I-3", "SH-404"),
        invoice("i-4", "SO-12", "2026-11-21T11:00:00Z", "I-4", "SH-OTHER"),
        placed("o-2", "SO-13", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 1, "1.00"),
        shipment("s-2", "SO-13", "2026-11-21T10:00:00Z", "SH-OTHER", "W-EAST").line("1", 1));

    assertTopic(result, new ExpectedKpis().reconciliation("INVOICE_WITHOUT_SHIPMENT", 3), RECONCILIATION_TOPIC);
    // SO-13's shipment is not invoiced by SO-12's invoice naming its id.
    assertTopic(result, new ExpectedKpis()
        .latency("all=*|day=2026-11-21", 2, 1, 1, 0, 3600, 3600L, 3600L, 3600L, "3600:1")
        .latency("channel=EDI|day=2026-11-21", 2, 1, 1, 0, 3600, 3600L, 3600L, 3600L, "3600:1")
        .latency("warehouse=W-EAST|day=2026-11-21", 2, 1, 1, 0, 3600, 3600L, 3600L, 3600L, "3600:1"),
        INVOICE_LATENCY_TOPIC);
  }

  @Test
  void shipmentsWhoseFirstInvoicePrecedesThemAreInvoicedBeforeShipped() {
    var result = run(
        placed("o-1", "SO-14", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 5, "1.00"),
        shipment("s-1", "SO-14", "2026-11-21T12:00:00Z", "SH-1", "W-EAST").line("1", 5),
        invoice("i-1", "SO-14", "2026-11-21T11:59:59.999Z", "I-1", "SH-1").line("1", 5, "5.00"),
        invoice("i-0", "SO-14", "2026-11-21T13:00:00Z", "I-0", "SH-1"),
        shipment("s-2", "SO-14", "2026-11-21T12:00:00Z", "SH-2", "W-EAST"),
        invoice("i-2", "SO-14", "2026-11-21T12:00:00Z", "I-2", "SH-2"));

    // SH-1: its first invoice is I-1 (earlier time beats the smaller id I-0) and precedes it.
    // SH-2: invoiced at the same millisecond, latency 0.
    assertKpis(result, new ExpectedKpis()
        .latency("all=*|day=2026-11-21", 2, 1, 0, 0, 0, 0L, 0L, 0L, "0:1")
        .latency("channel=EDI|day=2026-11-21", 2, 1, 0, 0, 0, 0L, 0L, 0L, "0:1")
        .latency("warehouse=W-EAST|day=2026-11-21", 2, 1, 0, 0, 0, 0L, 0L, 0L, "0:1")
        .fill("all=*|day=2026-11-21", 1, 1, 5, 5, 1, 1, 1.0, 1.0, 1.0)
        .fill("channel=EDI|day=2026-11-21", 1, 1, 5, 5, 1, 1, 1.0, 1.0, 1.0)
        .fill("warehouse=W-EAST|day=2026-11-21", 1, 1, 5, 5, 0, 0, 1.0, 1.0, null)
        .reconciliation("INVOICED_BEFORE_SHIPPED", 1));
  }

  @Test
  void latencyHistogramRoundsUpToThreeSignificantDigitsAndPercentilesUseNearestRank() {
    List<Object> lines = new ArrayList<>();
    lines.add(placed("o-1", "SO-15", "2026-11-21T00:00:00Z", "EDI", "USD").line("1", 6, "1.00"));
    String[] invoiceTimes = {
        "2026-11-21T10:00:00.999Z", // 0 s (floor)
        "2026-11-21T10:16:39Z",     // 999 s
        "2026-11-21T10:16:41Z",     // 1001 s -> 1010
        "2026-11-21T10:20:34Z",     // 1234 s -> 1240
        "2026-11-21T10:20:40Z",     // 1240 s -> 1240
        "2026-11-22T13:45:50Z"};    // 99950 s -> 100000, over the 24 h SLA
    for (int i = 0; i < invoiceTimes.length; i++) {
      lines.add(shipment("s-" + i, "SO-15", "2026-11-21T10:00:00Z", "SH-" + i, "W-EAST").line("1", 1));
      lines.add(invoice("i-" + i, "SO-15", invoiceTimes[i], "I-" + i, "SH-" + i).line("1", 1, "1.00"));
    }

    var result = run(lines.toArray());

    // sorted buckets 0, 999, 1010, 1240, 1240, 100000: p50 rank 3, p90 rank ceil(5.4) = 6, p99 rank 6.
    String histogram = "0:1,999:1,1010:1,1240:2,100000:1";
    assertTopic(result, new ExpectedKpis()
        .latency("all=*|day=2026-11-21", 6, 6, 0, 1, 104424, 1010L, 100000L, 100000L, histogram)
        .latency("channel=EDI|day=2026-11-21", 6, 6, 0, 1, 104424, 1010L, 100000L, 100000L, histogram)
        .latency("warehouse=W-EAST|day=2026-11-21", 6, 6, 0, 1, 104424, 1010L, 100000L, 100000L, histogram),
        INVOICE_LATENCY_TOPIC);
  }

  @Test
  void overSlaCountsOnlyLatenciesAboveTheSla() {
    Object[] lines = {
        placed("o-1", "SO-16", "2026-11-21T00:00:00Z", "EDI", "USD").line("1", 3, "1.00"),
        shipment("s-a", "SO-16", "2026-11-21T10:00:00Z", "SH-A", "W-EAST").line("1", 1),
        shipment("s-b", "SO-16", "2026-11-21T10:00:00Z", "SH-B", "W-EAST").line("1", 1),
        shipment("s-c", "SO-16", "2026-11-21T10:00:00Z", "SH-C", "W-EAST").line("1", 1),
        invoice("i-a", "SO-16", "2026-11-21T11:00:00Z", "I-A", "SH-A"),
        invoice("i-b", "SO-16", "2026-11-21T11:00:00.999Z", "I-B", "SH-B"),
        invoice("i-c", "SO-16", "2026-11-21T11:00:01Z", "I-C", "SH-C")};

    // latencies 3600, 3600 (floor), 3601: only the last exceeds a 1 h SLA.
    var oneHour = run(UTC, Duration.ofHours(1), lines);
    assertThat(oneHour.get(INVOICE_LATENCY_TOPIC).get("all=*|day=2026-11-21").get("overSla").asLong()).isEqualTo(1);
    assertTopic(oneHour, new ExpectedKpis()
        .latency("all=*|day=2026-11-21", 3, 3, 0, 1, 10801, 3600L, 3610L, 3610L, "3600:2,3610:1")
        .latency("channel=EDI|day=2026-11-21", 3, 3, 0, 1, 10801, 3600L, 3610L, 3610L, "3600:2,3610:1")
        .latency("warehouse=W-EAST|day=2026-11-21", 3, 3, 0, 1, 10801, 3600L, 3610L, 3610L, "3600:2,3610:1"),
        INVOICE_LATENCY_TOPIC);

    var justUnder = run(UTC, Duration.ofSeconds(3601), lines);
    assertThat(justUnder.get(INVOICE_LATENCY_TOPIC).get("all=*|day=2026-11-21").get("overSla").asLong()).isZero();
    var justOver = run(UTC, Duration.ofSeconds(3599), lines);
    assertThat(justOver.get(INVOICE_LATENCY_TOPIC).get("all=*|day=2026-11-21").get("overSla").asLong()).isEqualTo(3);
  }

  @Test
  void businessZoneShiftsTheDay() {
    Object[] lines = {
        placed("o-1", "SO-17", "2026-11-22T03:00:00Z", "EDI", "USD").line("1", 2, "1.50"),
        shipment("s-1", "SO-17", "2026-11-23T04:30:00Z", "SH-1", "W-EAST").line("1", 1),
        invoice("i-1", "SO-17", "2026-11-23T06:00:00Z", "I-1", "SH-1").line("1", 1, "1.50")};

    // New York is UTC-5 in November: placed on the 21st, shipped on the 22nd.
    assertKpis(run(ZoneId.of("America/New_York"), DAY_SLA, lines), new ExpectedKpis()
        .fill("all=*|day=2026-11-22", 1, 0, 2, 1, 1, 0, 0.0, 0.5, 0.0)
        .fill("channel=EDI|day=2026-11-22", 1, 0, 2, 1, 1, 0, 0.0, 0.5, 0.0)
        .fill("warehouse=W-EAST|day=2026-11-22", 1, 0, 2, 1, 0, 0, 0.0, 0.5, null)
        .backlog("all=*|day=2026-11-21|currency=USD", 1, 1, 1, "1.50", 0)
        .backlog("channel=EDI|day=2026-11-21|currency=USD", 1, 1, 1, "1.50", 0)
        .latency("all=*|day=2026-11-22", 1, 1, 0, 0, 5400, 5400L, 5400L, 5400L, "5400:1")
        .latency("channel=EDI|day=2026-11-22", 1, 1, 0, 0, 5400, 5400L, 5400L, 5400L, "5400:1")
        .latency("warehouse=W-EAST|day=2026-11-22", 1, 1, 0, 0, 5400, 5400L, 5400L, 5400L, "5400:1"));

    var utc = run(UTC, DAY_SLA, lines);
    assertThat(utc.get(FILL_RATE_TOPIC)).containsOnlyKeys(
        "all=*|day=2026-11-23", "channel=EDI|day=2026-11-23", "warehouse=W-EAST|day=2026-11-23");
    assertThat(utc.get(BACKLOG_TOPIC)).containsOnlyKeys(
        "all=*|day=2026-11-22|currency=USD", "channel=EDI|day=2026-11-22|currency=USD");
    assertThat(utc.get(INVOICE_LATENCY_TOPIC)).containsOnlyKeys(
        "all=*|day=2026-11-23", "channel=EDI|day=2026-11-23", "warehouse=W-EAST|day=2026-11-23");
  }

  @Test
  void backorderedUnitsAreTheOpenUnitsOfBackorderedLines() {
    var result = run(
        placed("o-1", "SO-18", "2026-11-21T09:00:00Z", "EDI", "USD")
            .line("1", 5, "2.00").line("2", 3, "1.00").line("3", 4, "1.00"),
        allocation("a-1", "SO-18", "2026-11-21T10:00:00Z", "W-EAST").allocated("1", 3, 2).allocated("2", 3, 0),
        allocation("a-2", "SO-18", "2026-11-21T11:00:00Z", "W-EAST").allocated("3", 0, 4),
        shipment("s-1", "SO-18", "2026-11-22T10:00:00Z", "SH-1", "W-EAST").line("3", 4));

    // line 1: 5 open, backordered; line 2: 3 open; line 3: backordered but fully shipped.
    assertTopic(result, new ExpectedKpis()
        .backlog("all=*|day=2026-11-21|currency=USD", 1, 2, 8, "13.00", 5)
        .backlog("channel=EDI|day=2026-11-21|currency=USD", 1, 2, 8, "13.00", 5), BACKLOG_TOPIC);
  }

  @Test
  void anInvalidLineDoesNotTakeTheEventIdOfALaterValidOne() {
    var result = run(
        placed("o-1", "SO-19", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 4, "1.00"),
        shipment("s-1", "SO-19", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", -4),
        shipment("s-1", "SO-19", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 4));

    assertThat(result.get(BACKLOG_TOPIC)).isEmpty();
    assertThat(result.get(FILL_RATE_TOPIC).get("all=*|day=2026-11-21").get("linesFilled").asLong()).isEqualTo(1);
  }

  static Stream<String> invalidLines() {
    return InvalidLines.all().stream();
  }

  @ParameterizedTest
  @MethodSource("invalidLines")
  void invalidLinesAreSkipped(String line) {
    List<String> base = InvalidLines.baseScenario();
    List<String> withInvalid = new ArrayList<>(base);
    withInvalid.add(1, line);

    assertThat(new ReplayLineParser().parse(line).accepted()).as(line).isFalse();
    assertThat(BatchKpiOracle.compute(withInvalid, UTC, DAY_SLA)).isEqualTo(BatchKpiOracle.compute(base, UTC, DAY_SLA));
  }

  @Test
  void everyValidTwinOfTheInvalidLinesChangesTheResult() {
    var base = BatchKpiOracle.compute(InvalidLines.baseScenario(), UTC, DAY_SLA);
    for (String twin : InvalidLines.validTwins()) {
      List<String> withTwin = new ArrayList<>(InvalidLines.baseScenario());
      withTwin.add(twin);
      assertThat(OracleDiff.diff(base, BatchKpiOracle.compute(withTwin, UTC, DAY_SLA))).as(twin).isNotEmpty();
    }
  }

  @Test
  void outputIsInvariantUnderShufflingAndRedelivery() {
    ZoneId zone = ZoneId.of("America/New_York");
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      List<String> replay = RandomReplay.generate(random, 40);
      var expected = BatchKpiOracle.compute(replay, zone, DAY_SLA);
      assertThat(expected.values()).as("seed %d produces every topic", seed).allSatisfy(t -> assertThat(t).isNotEmpty());
      for (int round = 0; round < 20; round++) {
        List<String> shuffled = new ArrayList<>(replay);
        Collections.shuffle(shuffled, random);
        assertThat(OracleDiff.diff(expected, BatchKpiOracle.compute(shuffled, zone, DAY_SLA)))
            .as("seed %d shuffle %d", seed, round).isEmpty();

        List<String> redelivered = new ArrayList<>(replay);
        for (String line : replay) {
          if (random.nextInt(3) == 0) {
            redelivered.add(random.nextInt(redelivered.size() + 1), line);
          }
        }
        Collections.shuffle(redelivered, random);
        var actual = BatchKpiOracle.compute(redelivered, zone, DAY_SLA);
        assertThat(OracleDiff.diff(expected, actual)).as("seed %d redelivery %d", seed, round).isEmpty();
        assertThat(actual).isEqualTo(expected);
      }
    }
  }

  @Test
  void everyRecordCarriesEveryFieldOfItsAvroRecordButUpdatedAt() {
    var result = run(
        placed("o-1", "SO-20", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 4, "1.25"),
        shipment("s-1", "SO-20", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 9),
        invoice("i-1", "SO-20", "2026-11-21T10:00:01Z", "I-1", "SH-1"),
        placed("o-2", "SO-21", "2026-11-21T09:00:00Z", "EDI", "USD").line("1", 4, "1.25"));

    assertThat(result.get(FILL_RATE_TOPIC).values()).allSatisfy(node -> assertThat(fieldNames(node)).containsExactly(
        "scope", "scopeValue", "day", "linesShipped", "linesFilled", "unitsOrdered", "unitsFilled", "ordersShipped",
        "ordersFilled", "lineFillRate", "unitFillRate", "orderFillRate"));
    assertThat(result.get(BACKLOG_TOPIC).values()).allSatisfy(node -> assertThat(fieldNames(node)).containsExactly(
        "scope", "scopeValue", "day", "currency", "openOrders", "openLines", "openUnits", "openValue",
        "backorderedUnits"));
    assertThat(result.get(INVOICE_LATENCY_TOPIC).values()).allSatisfy(node -> assertThat(fieldNames(node))
        .containsExactly("scope", "scopeValue", "day", "shipments", "invoiced", "notInvoiced", "overSla",
            "latencySumSeconds", "p50Seconds", "p90Seconds", "p99Seconds", "histogram"));
    assertThat(result.get(RECONCILIATION_TOPIC).values())
        .allSatisfy(node -> assertThat(fieldNames(node)).containsExactly("type", "count"));
    ObjectNode backlog = result.get(BACKLOG_TOPIC).get("all=*|day=2026-11-21|currency=USD");
    assertThat(backlog.get("openValue").isTextual()).isTrue();
    assertThat(backlog.get("openValue").textValue()).isEqualTo("5.00");
    ObjectNode fill = result.get(FILL_RATE_TOPIC).get("all=*|day=2026-11-21");
    assertThat(fill.get("linesShipped").isIntegralNumber()).isTrue();
    assertThat(fill.get("unitFillRate").isDouble()).isTrue();
    assertThat(fill.get("day").textValue()).isEqualTo("2026-11-21");
    ObjectNode latency = result.get(INVOICE_LATENCY_TOPIC).get("warehouse=W-EAST|day=2026-11-21");
    assertThat(latency.get("p50Seconds").isIntegralNumber()).isTrue();
    assertThat(latency.get("histogram").get("1").asLong()).isEqualTo(1);
  }

  private static List<String> fieldNames(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
