package com.o2cpulse.lifecycle;

import static com.o2cpulse.testing.TestEvents.allocation;
import static com.o2cpulse.testing.TestEvents.amended;
import static com.o2cpulse.testing.TestEvents.cancelled;
import static com.o2cpulse.testing.TestEvents.invoice;
import static com.o2cpulse.testing.TestEvents.placed;
import static com.o2cpulse.testing.TestEvents.shipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.kpi.Contributions;
import com.o2cpulse.kpi.Finding;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.kpi.KpiTotal;
import com.o2cpulse.kpi.OrderFold;
import com.o2cpulse.kpi.OrderStatusView;
import com.o2cpulse.kpi.Reconciliation;
import com.o2cpulse.reference.EventListContributions;
import com.o2cpulse.reference.EventListLifecycle;
import com.o2cpulse.reference.EventListReconciliation;
import com.o2cpulse.reference.EventListStatusView;
import com.o2cpulse.reference.Tally;
import com.o2cpulse.reference.TotalsAsTally;
import com.o2cpulse.testing.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The order-state fold against release 0.1's derivation from the full event list: for random event sets, every
 * permutation with redeliveries folds to the same state (and the same bytes), and the state's contributions,
 * findings and order status equal what the event list gives. Each fold step's delta, computed for the families
 * the event's stream can change, equals the delta over all families.
 */
class OrderStateFoldTest {

    private static final Instant UPDATED_AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final String[] WAREHOUSES = {"W-EAST", "W-WEST"};
    private static final String[] PRICES = {"0.00", "0.99", "5.00", "1234.56", "9999999999999999.99"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void anyArrivalOrderWithRedeliveriesFoldsToTheStateTheEventListDerives(long seed) {
        Random random = new Random(seed);
        for (int order = 0; order < 60; order++) {
            KpiRules rules = new KpiRules(random.nextBoolean() ? ZoneId.of("UTC") : ZoneId.of("Asia/Tokyo"),
                    Duration.ofHours(1 + random.nextInt(48)));
            List<SpecificRecordBase> events = randomOrder(random, "SO-" + seed + "-" + order);
            EventListLifecycle reference = EventListLifecycle.empty();
            events.forEach(reference::apply);

            OrderState first = null;
            for (int permutation = 0; permutation < 6; permutation++) {
                List<SpecificRecordBase> arrivals = withRedeliveries(random, events);
                Collections.shuffle(arrivals, random);
                OrderState state = foldChecked(rules, arrivals);
                if (first == null) {
                    first = state;
                    assertMatchesReference(state, reference, rules, events);
                } else {
                    assertThat(state).as("permutation %d of %s", permutation, events).isEqualTo(first);
                    assertThat(OrderStateCodec.encode(state)).isEqualTo(OrderStateCodec.encode(first));
                }
                assertThat(OrderStateCodec.decode(OrderStateCodec.encode(state))).isEqualTo(state);
            }
        }
    }

    @Test
    void stateOfAnotherFormatIsRefusedNamingTheResetProcedure() {
        byte[] avroState = {0, 0, 0, 0, 7, 2, 4};
        assertThatThrownBy(() -> OrderStateCodec.decode(avroState))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("o2c-pulse 0.1").hasMessageContaining("Upgrading");
        byte[] future = OrderStateCodec.encode(new OrderState());
        future[0] = 9;
        assertThatThrownBy(() -> OrderStateCodec.decode(future))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("format 9");
    }

    /** Folds step by step, checking each step's delta against the full-family delta and the total change. */
    private static OrderState foldChecked(KpiRules rules, List<SpecificRecordBase> arrivals) {
        Contributions contributions = new Contributions(rules);
        OrderFold fold = new OrderFold(rules);
        OrderState state = new OrderState();
        Map<String, Tally> sum = new HashMap<>();
        for (SpecificRecordBase event : arrivals) {
            LifecycleFact fact = LifecycleFacts.of(event);
            Map<KpiKey, KpiTotal> before = contributions.of(state);
            Map<String, Tally> expectedDelta = TotalsAsTally.byStoreKey(Contributions.delta(before, afterApplying(state, fact, contributions)));
            var change = fold.apply(state, fact);
            if (change.isEmpty()) {
                assertThat(expectedDelta).isEmpty();
                continue;
            }
            assertThat(TotalsAsTally.byStoreKey(change.get().deltas())).as("delta of %s", fact).isEqualTo(expectedDelta);
            change.get().deltas().forEach((key, delta) -> sum.merge(key.storeKey(), TotalsAsTally.of(delta), Tally::plus));
        }
        sum.values().removeIf(Tally::isZero);
        assertThat(sum).as("the deltas sum to the final contributions").isEqualTo(TotalsAsTally.byStoreKey(contributions.of(state)));
        return state;
    }

    private static Map<KpiKey, KpiTotal> afterApplying(OrderState state, LifecycleFact fact, Contributions contributions) {
        OrderState copy = OrderStateCodec.decode(OrderStateCodec.encode(state));
        copy.apply(fact);
        return contributions.of(copy);
    }

    private static void assertMatchesReference(OrderState state, EventListLifecycle reference, KpiRules rules, List<SpecificRecordBase> events) {
        assertThat(TotalsAsTally.byStoreKey(new Contributions(rules).of(state)))
                .as("contributions of %s", events)
                .isEqualTo(TotalsAsTally.referenceByStoreKey(new EventListContributions(rules).of(reference)));
        List<Finding> findings = Reconciliation.findings(state);
        assertThat(findings).as("findings of %s", events).isEqualTo(EventListReconciliation.findings(reference));
        assertThat(state.isKnown()).isEqualTo(reference.isKnown());
        if (state.isKnown()) {
            assertThat(OrderStatusView.of("SO", state, findings, rules, UPDATED_AT))
                    .as("status of %s", events)
                    .isEqualTo(EventListStatusView.of("SO", reference, findings, rules, UPDATED_AT));
        }
    }

    private static List<SpecificRecordBase> withRedeliveries(Random random, List<SpecificRecordBase> events) {
        List<SpecificRecordBase> arrivals = new ArrayList<>(events);
        for (SpecificRecordBase event : events) {
            if (random.nextInt(4) == 0) {
                arrivals.add(event);
            }
        }
        return arrivals;
    }

    /** Versions, zero lines, cancellations, partial, over and unknown-line shipments, shared ids, time ties, early and missing invoices. */
    private static List<SpecificRecordBase> randomOrder(Random random, String cid) {
        List<SpecificRecordBase> events = new ArrayList<>();
        int[] id = {0};
        boolean known = random.nextInt(6) != 0;
        int lines = 1 + random.nextInt(4);
        if (known) {
            for (int v = 0, versions = 1 + random.nextInt(3); v < versions; v++) {
                TestEvents.OrderBuilder order = (v == 0 ? placed("o" + id[0]++, cid, time(random)) : amended("o" + id[0]++, cid, time(random)))
                        .channel(random.nextBoolean() ? "EDI" : "ECOMMERCE").currency(random.nextBoolean() ? "USD" : "EUR");
                for (int l = 1; l <= lines; l++) {
                    if (random.nextInt(5) != 0) {
                        order.line(Integer.toString(l), random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1_000_000_000), PRICES[random.nextInt(PRICES.length)]);
                    }
                }
                events.add(order.build());
            }
            if (random.nextInt(5) == 0) {
                events.add(cancelled("o" + id[0]++, cid, time(random)));
            }
        }
        for (int a = random.nextInt(3); a > 0; a--) {
            TestEvents.AllocationBuilder allocation = allocation("a" + id[0]++, cid, time(random), WAREHOUSES[random.nextInt(2)]);
            for (int l = 1; l <= lines + 1; l++) {
                if (random.nextBoolean()) {
                    allocation.line(Integer.toString(l), random.nextInt(10), random.nextInt(3) == 0 ? random.nextInt(5) : 0);
                }
            }
            events.add(allocation.build());
        }
        List<String> shipmentIds = new ArrayList<>();
        for (int s = random.nextInt(4); s > 0; s--) {
            String shipmentId = random.nextInt(4) == 0 && !shipmentIds.isEmpty() ? shipmentIds.get(0) : "SH-" + id[0];
            shipmentIds.add(shipmentId);
            TestEvents.ShipmentBuilder shipment = shipment("s" + id[0]++, cid, time(random), shipmentId, WAREHOUSES[random.nextInt(2)]);
            for (int l = 1; l <= lines + 1; l++) {
                if (random.nextBoolean()) {
                    shipment.line(Integer.toString(l), random.nextInt(3) == 0 ? 1_000_000_000 : random.nextInt(10));
                }
            }
            events.add(shipment.build());
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            String shipmentId = shipmentIds.isEmpty() || random.nextInt(5) == 0
                    ? (random.nextBoolean() ? null : "SH-404") : shipmentIds.get(random.nextInt(shipmentIds.size()));
            TestEvents.InvoiceBuilder invoice = invoice("i" + id[0]++, cid, time(random), "INV-" + random.nextInt(3), shipmentId);
            for (int l = 1; l <= lines + 1; l++) {
                if (random.nextBoolean()) {
                    invoice.line(Integer.toString(l), random.nextInt(10), "1.00");
                }
            }
            events.add(invoice.build());
        }
        return events;
    }

    /** Few distinct times, so that ties between shipments, invoices and versions are common. */
    private static String time(Random random) {
        return Instant.parse("2026-11-20T10:00:00Z").plus(Duration.ofHours(random.nextInt(60) * 2L)).toString();
    }
}
