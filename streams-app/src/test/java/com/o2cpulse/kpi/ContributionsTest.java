package com.o2cpulse.kpi;

import static com.o2cpulse.testing.TestEvents.allocation;
import static com.o2cpulse.testing.TestEvents.amended;
import static com.o2cpulse.testing.TestEvents.cancelled;
import static com.o2cpulse.testing.TestEvents.invoice;
import static com.o2cpulse.testing.TestEvents.placed;
import static com.o2cpulse.testing.TestEvents.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.lifecycle.LifecycleFacts;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.reference.Tally;
import com.o2cpulse.reference.TotalsAsTally;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class ContributionsTest {

    private final Contributions contributions = new Contributions(KpiRules.DEFAULT);

    private static OrderState lifecycle(SpecificRecordBase... events) {
        OrderState order = new OrderState();
        for (SpecificRecordBase event : events) {
            order.apply(LifecycleFacts.of(event));
        }
        return order;
    }

    private Map<String, Tally> of(SpecificRecordBase... events) {
        return byStoreKey(contributions.of(lifecycle(events)));
    }

    /** Typed totals read by field name, so that the rules' expectations stay as written. */
    private static Map<String, Tally> byStoreKey(Map<KpiKey, KpiTotal> byKey) {
        return TotalsAsTally.byStoreKey(byKey);
    }

    @Test
    void firstShipmentOfALineIsTheEarliestByTimeThenShipmentId() {
        Map<String, Tally> result = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.00").build(),
                shipment("s2", "SO-1", "2026-11-22T09:00:00Z", "SH-B", "W-WEST").line("1", 4).build(),
                shipment("s1", "SO-1", "2026-11-22T09:00:00Z", "SH-A", "W-EAST").line("1", 10).build());

        Tally day = result.get("fill-rate/all=*|day=2026-11-22");
        assertThat(day.count("linesShipped")).isEqualTo(1);
        assertThat(day.count("linesFilled")).isEqualTo(1);
        assertThat(day.count("unitsFilled")).isEqualTo(10);
        assertThat(result).containsKey("fill-rate/warehouse=W-EAST|day=2026-11-22")
                .doesNotContainKey("fill-rate/warehouse=W-WEST|day=2026-11-22");
    }

    @Test
    void lateEarlierShipmentMovesFillRateToItsDay() {
        OrderState order = lifecycle(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.00").build(),
                shipment("s1", "SO-1", "2026-11-22T09:00:00Z", "SH-1", "W-EAST").line("1", 10).build());
        Map<KpiKey, KpiTotal> before = contributions.of(order);
        order.apply(LifecycleFacts.of(shipment("s0", "SO-1", "2026-11-21T09:00:00Z", "SH-0", "W-WEST").line("1", 3).build()));
        Map<String, Tally> delta = byStoreKey(Contributions.delta(before, contributions.of(order)));

        assertThat(delta.get("fill-rate/all=*|day=2026-11-22").count("linesShipped")).isEqualTo(-1);
        assertThat(delta.get("fill-rate/all=*|day=2026-11-22").count("unitsFilled")).isEqualTo(-10);
        assertThat(delta.get("fill-rate/all=*|day=2026-11-21").count("linesShipped")).isEqualTo(1);
        assertThat(delta.get("fill-rate/all=*|day=2026-11-21").count("unitsFilled")).isEqualTo(3);
        assertThat(delta.get("fill-rate/all=*|day=2026-11-21").count("linesFilled")).isZero();
    }

    @Test
    void unitsFilledAreCappedAtTheOrderedQuantity() {
        Tally day = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 5, "2.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 8).build())
                .get("fill-rate/all=*|day=2026-11-20");
        assertThat(day.count("unitsOrdered")).isEqualTo(5);
        assertThat(day.count("unitsFilled")).isEqualTo(5);
    }

    @Test
    void orderIsFilledOnlyWhenItsFirstShipmentHoldsEveryLine() {
        Map<String, Tally> partial = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 5, "2.00").line("2", 1, "1.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 5).build(),
                shipment("s2", "SO-1", "2026-11-21T12:00:00Z", "SH-2", "W").line("2", 1).build());
        assertThat(partial.get("fill-rate/channel=ECOMMERCE|day=2026-11-20").count("ordersShipped")).isEqualTo(1);
        assertThat(partial.get("fill-rate/channel=ECOMMERCE|day=2026-11-20").count("ordersFilled")).isZero();
        assertThat(partial.get("fill-rate/warehouse=W|day=2026-11-20").count("ordersShipped")).isZero();
        assertThat(partial.get("fill-rate/all=*|day=2026-11-21").count("ordersShipped")).isZero();
        assertThat(partial.get("fill-rate/all=*|day=2026-11-21").count("linesFilled")).isEqualTo(1);

        Map<String, Tally> full = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 5, "2.00").line("2", 1, "1.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 5).line("2", 1).build());
        assertThat(full.get("fill-rate/all=*|day=2026-11-20").count("ordersFilled")).isEqualTo(1);
    }

    @Test
    void amendmentWithTheGreatestTimeThenIdDefinesTheLines() {
        Map<String, Tally> result = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.00").build(),
                amended("o3", "SO-1", "2026-11-20T11:00:00Z").line("1", 4, "2.00").build(),
                amended("o2", "SO-1", "2026-11-20T11:00:00Z").line("1", 7, "2.00").build());
        Tally backlog = result.get("backlog/all=*|day=2026-11-20|currency=USD");
        assertThat(backlog.count("openUnits")).isEqualTo(4);
        assertThat(backlog.amount("openValue")).isEqualByComparingTo("8.00");
    }

    @Test
    void amendmentAfterShipmentChangesTheOrderedQuantityOfFillRate() {
        Map<String, Tally> result = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 6).build(),
                amended("o2", "SO-1", "2026-11-20T13:00:00Z").line("1", 6, "2.00").build());
        Tally day = result.get("fill-rate/all=*|day=2026-11-20");
        assertThat(day.count("unitsOrdered")).isEqualTo(6);
        assertThat(day.count("linesFilled")).isEqualTo(1);
        assertThat(result.keySet()).noneMatch(k -> k.startsWith("backlog/"));
    }

    @Test
    void zeroQuantityLinesAreNotLines() {
        Map<String, Tally> result = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 2, "2.00").line("2", 0, "9.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 2).line("2", 1).build());
        assertThat(result.get("fill-rate/all=*|day=2026-11-20").count("linesShipped")).isEqualTo(1);
        assertThat(result.get("fill-rate/all=*|day=2026-11-20").count("ordersFilled")).isEqualTo(1);
        assertThat(result.get("reconciliation/type=UNKNOWN_LINE").count("count")).isEqualTo(1);
    }

    @Test
    void cancelledOrdersLeaveTheBacklogButKeepTheirShipments() {
        Map<String, Tally> result = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 3).build(),
                cancelled("o2", "SO-1", "2026-11-20T13:00:00Z"));
        assertThat(result.keySet()).noneMatch(k -> k.startsWith("backlog/"));
        assertThat(result.get("fill-rate/all=*|day=2026-11-20").count("linesShipped")).isEqualTo(1);
        assertThat(result.get("invoice-latency/all=*|day=2026-11-20").count("notInvoiced")).isEqualTo(1);
    }

    @Test
    void backlogCountsOpenLinesUnitsValueAndBackorders() {
        Tally backlog = of(
                placed("o1", "SO-1", "2026-11-20T23:30:00Z").channel("EDI").currency("EUR")
                        .line("1", 10, "2.50").line("2", 3, "1.10").line("3", 1, "100.00").build(),
                allocation("a1", "SO-1", "2026-11-21T01:00:00Z", "W").line("1", 6, 4).line("2", 3, 0).build(),
                shipment("s1", "SO-1", "2026-11-21T02:00:00Z", "SH-1", "W").line("1", 6).line("3", 1).build())
                .get("backlog/channel=EDI|day=2026-11-20|currency=EUR");
        assertThat(backlog.count("openOrders")).isEqualTo(1);
        assertThat(backlog.count("openLines")).isEqualTo(2);
        assertThat(backlog.count("openUnits")).isEqualTo(7);
        assertThat(backlog.amount("openValue")).isEqualByComparingTo(new BigDecimal("13.30"));
        assertThat(backlog.count("backorderedUnits")).isEqualTo(4);
    }

    @Test
    void orderDayIsTheEarliestPlacementInTheBusinessZone() {
        Contributions tokyo = new Contributions(new KpiRules(ZoneId.of("Asia/Tokyo"), Duration.ofHours(24)));
        SpecificRecordBase[] events = {
                amended("o2", "SO-1", "2026-11-21T10:00:00Z").line("1", 1, "1.00").build(),
                placed("o1", "SO-1", "2026-11-20T16:00:00Z").line("1", 1, "1.00").build()};
        assertThat(byStoreKey(tokyo.of(lifecycle(events)))).containsKey("backlog/all=*|day=2026-11-21|currency=USD");
        assertThat(of(events))
                .containsKey("backlog/all=*|day=2026-11-20|currency=USD");
    }

    @Test
    void invoiceLatencyUsesTheFirstInvoiceNamingTheShipment() {
        Tally day = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00.900Z", "SH-1", "W").line("1", 10).build(),
                invoice("i2", "SO-1", "2026-11-21T13:00:00Z", "INV-2", "SH-1").line("1", 10, "20.00").build(),
                invoice("i1", "SO-1", "2026-11-20T12:20:35Z", "INV-1", "SH-1").line("1", 10, "20.00").build())
                .get("invoice-latency/all=*|day=2026-11-20");
        assertThat(day.count("shipments")).isEqualTo(1);
        assertThat(day.count("invoiced")).isEqualTo(1);
        assertThat(day.count("latencySumSeconds")).isEqualTo(1234);
        assertThat(day.histogram()).containsExactly(Map.entry(1240L, 1L));
        assertThat(day.count("overSla")).isZero();
    }

    @Test
    void latencyBeyondTheSlaIsOverSlaButExactlyTheSlaIsNot() {
        Tally atSla = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 1, "2.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 1).build(),
                invoice("i1", "SO-1", "2026-11-21T12:00:00Z", "INV-1", "SH-1").line("1", 1, "2.00").build())
                .get("invoice-latency/all=*|day=2026-11-20");
        Tally overSla = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 1, "2.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 1).build(),
                invoice("i1", "SO-1", "2026-11-21T12:00:01Z", "INV-1", "SH-1").line("1", 1, "2.00").build())
                .get("invoice-latency/all=*|day=2026-11-20");
        assertThat(atSla.count("overSla")).isZero();
        assertThat(overSla.count("overSla")).isEqualTo(1);
    }

    @Test
    void invoiceBeforeItsShipmentCountsOnlyUnderReconciliation() {
        Map<String, Tally> result = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 1, "2.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 1).build(),
                invoice("i1", "SO-1", "2026-11-20T11:00:00Z", "INV-1", "SH-1").line("1", 1, "2.00").build());
        Tally day = result.get("invoice-latency/all=*|day=2026-11-20");
        assertThat(day.count("shipments")).isEqualTo(1);
        assertThat(day.count("invoiced")).isZero();
        assertThat(day.count("notInvoiced")).isZero();
        assertThat(result.get("reconciliation/type=INVOICED_BEFORE_SHIPPED").count("count")).isEqualTo(1);
    }

    @Test
    void everyReconciliationTypeIsFound() {
        Map<String, Tally> result = of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 2, "2.00").line("2", 5, "1.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 3).line("9", 1).build(),
                allocation("a1", "SO-1", "2026-11-20T11:00:00Z", "W").line("8", 1, 0).line("9", 1, 0).build(),
                invoice("i1", "SO-1", "2026-11-20T13:00:00Z", "INV-1", "SH-1").line("2", 1, "1.00").build(),
                invoice("i2", "SO-1", "2026-11-20T13:00:00Z", "INV-2", "SH-404").line("1", 1, "2.00").build(),
                invoice("i3", "SO-1", "2026-11-20T13:00:00Z", "INV-3", null).line("1", 1, "2.00").build());
        assertThat(result.get("reconciliation/type=OVER_SHIPPED_LINE").count("count")).isEqualTo(1);
        assertThat(result.get("reconciliation/type=OVER_INVOICED_LINE").count("count")).isEqualTo(1);
        assertThat(result.get("reconciliation/type=UNKNOWN_LINE").count("count")).isEqualTo(2);
        assertThat(result.get("reconciliation/type=INVOICE_WITHOUT_SHIPMENT").count("count")).isEqualTo(2);
        assertThat(result).doesNotContainKey("reconciliation/type=ORPHAN_EVENT");
    }

    @Test
    void eventsWaitingForTheirOrderAreOrphansUntilItArrives() {
        OrderState order = lifecycle(
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 3).build(),
                invoice("i1", "SO-1", "2026-11-20T13:00:00Z", "INV-1", "SH-1").line("1", 3, "6.00").build());
        Map<KpiKey, KpiTotal> before = contributions.of(order);
        assertThat(byStoreKey(before)).containsOnlyKeys("reconciliation/type=ORPHAN_EVENT");
        assertThat(byStoreKey(before).get("reconciliation/type=ORPHAN_EVENT").count("count")).isEqualTo(2);

        order.apply(LifecycleFacts.of(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 3, "2.00").build()));
        Map<String, Tally> delta = byStoreKey(Contributions.delta(before, contributions.of(order)));
        assertThat(delta.get("reconciliation/type=ORPHAN_EVENT").count("count")).isEqualTo(-2);
        assertThat(delta.get("fill-rate/all=*|day=2026-11-20").count("linesFilled")).isEqualTo(1);
        assertThat(delta.get("invoice-latency/all=*|day=2026-11-20").histogram()).containsEntry(3600L, 1L);
    }

    @Test
    void redeliveredEventsAreIgnored() {
        OrderState order = lifecycle(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 3, "2.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 1).build());
        Map<KpiKey, KpiTotal> before = contributions.of(order);
        boolean applied = order.apply(LifecycleFacts.of(shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 1).build()));
        assertThat(applied).isFalse();
        assertThat(contributions.of(order)).isEqualTo(before);
    }

    @Test
    void contributionsDoNotDependOnArrivalOrder() {
        List<SpecificRecordBase> events = new ArrayList<>(List.of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 3, "2.00").line("2", 4, "3.10").build(),
                amended("o2", "SO-1", "2026-11-20T10:30:00Z").line("1", 5, "2.00").line("2", 4, "3.10").build(),
                allocation("a1", "SO-1", "2026-11-20T11:00:00Z", "W").line("1", 3, 2).build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 3).build(),
                shipment("s2", "SO-1", "2026-11-22T12:00:00Z", "SH-2", "V").line("1", 2).line("2", 4).build(),
                invoice("i1", "SO-1", "2026-11-21T13:00:00Z", "INV-1", "SH-1").line("1", 3, "6.00").build(),
                invoice("i2", "SO-1", "2026-11-22T11:00:00Z", "INV-2", "SH-2").line("2", 4, "12.40").build()));
        Map<KpiKey, KpiTotal> expected = contributions.of(lifecycle(events.toArray(new SpecificRecordBase[0])));
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(events, random);
            assertThat(contributions.of(lifecycle(events.toArray(new SpecificRecordBase[0])))).isEqualTo(expected);
        }
    }

    @Test
    void findingsComeInTheSameOrderWhateverTheArrivalOrder() {
        List<SpecificRecordBase> events = new ArrayList<>(List.of(
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 3, "2.00").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("7", 3).build(),
                shipment("s2", "SO-1", "2026-11-20T13:00:00Z", "SH-2", "W").line("2", 1).build(),
                invoice("i1", "SO-1", "2026-11-21T13:00:00Z", "INV-1", "SH-9").line("4", 3, "6.00").build(),
                invoice("i2", "SO-1", "2026-11-21T13:00:00Z", "INV-2", null).line("1", 3, "6.00").build()));
        List<Finding> expected = Reconciliation.findings(lifecycle(events.toArray(new SpecificRecordBase[0])));
        Random random = new Random(7);
        for (int i = 0; i < 30; i++) {
            Collections.shuffle(events, random);
            assertThat(Reconciliation.findings(lifecycle(events.toArray(new SpecificRecordBase[0])))).isEqualTo(expected);
        }
    }
}
