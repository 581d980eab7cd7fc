package com.o2cpulse.sim;

import static com.o2cpulse.sim.EventHistory.correlationId;
import static com.o2cpulse.sim.EventHistory.eventId;
import static com.o2cpulse.sim.EventHistory.eventTime;
import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.EventValidator;
import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.schema.events.OrderLine;
import com.o2cpulse.schema.events.ShipmentEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorTest {

    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");

    private final EventHistory history = new EventHistory(new Simulator(42, START).generate(1000));

    @Test
    void sameSeedGivesTheSameEventsInTheSameOrder() {
        assertThat(new Simulator(7, START).generate(300)).isEqualTo(new Simulator(7, START).generate(300));
    }

    @Test
    void differentSeedsGiveDifferentEvents() {
        List<SpecificRecord> one = new Simulator(7, START).generate(300);
        List<SpecificRecord> other = new Simulator(8, START).generate(300);

        assertThat(one).isNotEqualTo(other);
        assertThat(one.stream().map(EventHistory::eventId)).doesNotContainAnyElementsOf(
                other.stream().map(EventHistory::eventId).toList());
    }

    @Test
    void containsEveryEventKind() {
        assertThat(history.distinct.stream().map(EventStream::of)).contains(EventStream.values());
        assertThat(history.orders.stream().map(OrderEvent::getEventType)).contains(OrderEventType.values());
    }

    @Test
    void everyEventPassesTheInputValidator() {
        EventValidator validator = new EventValidator();

        history.arrivals.forEach(event -> validator.validate((SpecificRecordBase) event));
    }

    @Test
    void ordersHaveOneToEightPricedLinesInTheKnownChannelsAndCurrencies() {
        List<OrderEvent> placed = history.ordersOfType(OrderEventType.PLACED);

        assertThat(placed).hasSizeBetween(950, 1000).allSatisfy(order -> {
            assertThat(order.getLines()).hasSizeBetween(1, 8);
            assertThat(order.getLines()).allSatisfy(line -> {
                assertThat(line.getQuantity()).isPositive();
                assertThat(line.getUnitPrice().scale()).isEqualTo(2);
                assertThat(line.getUnitPrice().signum()).isPositive();
            });
            assertThat(order.getCorrelationId()).matches("SO-\\d{6}");
            assertThat(order.getCustomerId()).isNotBlank();
        });
        assertThat(placed.stream().map(OrderEvent::getChannel).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("ECOMMERCE", "EDI", "MARKETPLACE", "FIELD_SALES");
        Map<String, Long> currencies = placed.stream()
                .collect(Collectors.groupingBy(OrderEvent::getCurrency, Collectors.counting()));
        assertThat(currencies).containsOnlyKeys("USD", "EUR", "GBP");
        assertThat(currencies.get("USD")).isGreaterThan(placed.size() / 2);
    }

    @Test
    void amendsSomeOrdersWithChangedQuantitiesSometimesAfterTheyShipped() {
        List<OrderEvent> amended = history.ordersOfType(OrderEventType.AMENDED);
        Map<String, OrderEvent> placed = history.ordersOfType(OrderEventType.PLACED).stream()
                .collect(Collectors.toMap(OrderEvent::getCorrelationId, o -> o));

        assertThat(amended).hasSizeBetween(20, 120).allSatisfy(amendment -> {
            OrderEvent original = placed.get(amendment.getCorrelationId());
            if (original != null) {
                assertThat(quantities(amendment.getLines())).isNotEqualTo(quantities(original.getLines()));
            }
        });
        assertThat(amended).anySatisfy(amendment -> assertThat(history.firstShipmentOf(amendment.getCorrelationId()))
                .hasValueSatisfying(shipped -> assertThat(shipped).isBefore(amendment.getEventTime())));
    }

    @Test
    void cancellationsCarryNoLines() {
        List<OrderEvent> cancelled = history.ordersOfType(OrderEventType.CANCELLED);

        assertThat(cancelled).hasSizeBetween(10, 60).allSatisfy(c -> assertThat(c.getLines()).isEmpty());
    }

    @Test
    void redeliversSomeEventsAgainWithIdenticalContent() {
        Map<String, SpecificRecord> first = new HashMap<>();
        int redeliveries = 0;
        for (SpecificRecord event : history.arrivals) {
            SpecificRecord earlier = first.putIfAbsent(eventId(event), event);
            if (earlier != null) {
                redeliveries++;
                assertThat(event).isEqualTo(earlier).isNotSameAs(earlier);
            }
        }

        assertThat((double) redeliveries / history.arrivals.size()).isBetween(0.01, 0.03);
    }

    @Test
    void deliversEventsOutOfEventTimeOrderWithinAndAcrossStreams() {
        Map<EventStream, Instant> latestSoFar = new HashMap<>();
        int inversions = 0;
        for (SpecificRecord event : history.arrivals) {
            Instant before = latestSoFar.merge(EventStream.of(event), eventTime(event), (a, b) -> a.isAfter(b) ? a : b);
            if (before.isAfter(eventTime(event))) {
                inversions++;
            }
        }
        assertThat(inversions).isGreaterThan(100);

        Set<String> orderSeen = new HashSet<>();
        Set<String> known = history.knownOrders();
        List<ShipmentEvent> shippedBeforeOrderArrived = history.arrivals.stream()
                .peek(e -> {
                    if (e instanceof OrderEvent) {
                        orderSeen.add(correlationId(e));
                    }
                })
                .filter(e -> e instanceof ShipmentEvent && known.contains(correlationId(e)) && !orderSeen.contains(correlationId(e)))
                .map(ShipmentEvent.class::cast)
                .toList();
        assertThat(shippedBeforeOrderArrived).isNotEmpty();
    }

    @Test
    void leavesSomeLifecyclesOrphanedByOrdersThatNeverArrive() {
        Set<String> known = history.orders.stream().map(OrderEvent::getCorrelationId).collect(Collectors.toSet());
        Set<String> orphans = history.distinct.stream().map(EventHistory::correlationId)
                .filter(id -> !known.contains(id)).collect(Collectors.toSet());

        assertThat(orphans).hasSizeBetween(2, 30);
    }

    @Test
    void splitsAllocationsAcrossWarehousesBackordersAndShipsInSeveralShipments() {
        Map<String, Set<String>> allocatingWarehouses = history.allocations.stream().collect(Collectors.groupingBy(
                AllocationEvent::getCorrelationId, Collectors.mapping(AllocationEvent::getWarehouseId, Collectors.toSet())));
        Map<String, Set<String>> shippingWarehouses = history.shipments.stream().collect(Collectors.groupingBy(
                ShipmentEvent::getCorrelationId, Collectors.mapping(ShipmentEvent::getWarehouseId, Collectors.toSet())));
        Map<String, Long> shipmentsPerOrder = history.shipments.stream()
                .collect(Collectors.groupingBy(ShipmentEvent::getCorrelationId, Collectors.counting()));

        assertThat(allocatingWarehouses.values()).filteredOn(w -> w.size() > 1).hasSizeGreaterThan(50);
        assertThat(shippingWarehouses.values()).filteredOn(w -> w.size() > 1).hasSizeGreaterThan(50);
        assertThat(shipmentsPerOrder.values()).filteredOn(n -> n > 2).isNotEmpty();
        assertThat(history.allocations).flatExtracting(AllocationEvent::getLines)
                .anySatisfy(line -> assertThat(line.getBackordered()).isPositive());
        assertThat(history.shipments.stream().map(ShipmentEvent::getCarrier).collect(Collectors.toSet()))
                .contains("UPS", "FEDEX", "DHL");
    }

    @Test
    void invoicesSomeShipmentsBeforeTheyShip() {
        assertThat(history.shipments).filteredOn(s -> history.firstInvoiceOf(s)
                .filter(invoiced -> invoiced.isBefore(s.getEventTime())).isPresent()).hasSizeBetween(5, 60);
    }

    @Test
    void leavesSomeShipmentsUninvoicedForMoreThanADayOrForever() {
        Duration day = Duration.ofHours(24);

        assertThat(history.shipments).filteredOn(s -> history.firstInvoiceOf(s).isEmpty()).hasSizeGreaterThan(10);
        assertThat(history.shipments).filteredOn(s -> history.firstInvoiceOf(s)
                .filter(invoiced -> Duration.between(s.getEventTime(), invoiced).compareTo(day) > 0).isPresent())
                .hasSizeGreaterThan(50);
    }

    @Test
    void showsEachReconciliationAnomalyAtALowRate() {
        Map<String, Map<String, Long>> ordered = history.finalQuantities();
        Map<String, Long> shipped = history.shippedUnits();
        Map<String, Long> invoiced = history.invoicedUnits();
        Set<String> shipmentIds = history.shipments.stream().map(ShipmentEvent::getShipmentId).collect(Collectors.toSet());

        long overShipped = shipped.entrySet().stream().filter(e -> {
            String[] line = e.getKey().split("/");
            Long quantity = ordered.getOrDefault(line[0], Map.of()).get(line[1]);
            return quantity != null && e.getValue() > quantity;
        }).count();
        long overInvoiced = invoiced.entrySet().stream()
                .filter(e -> e.getValue() > shipped.getOrDefault(e.getKey(), 0L)).count();
        long unknownLines = shipped.keySet().stream().filter(key -> {
            String[] line = key.split("/");
            return ordered.containsKey(line[0]) && !ordered.get(line[0]).containsKey(line[1]);
        }).count();
        long invoicesWithoutShipment = history.invoices.stream()
                .filter(i -> i.getShipmentId() == null || !shipmentIds.contains(i.getShipmentId())).count();

        int lines = shipped.size();
        assertThat(overShipped).isPositive().isLessThan(lines / 20);
        assertThat(overInvoiced).isPositive().isLessThan(lines / 20);
        assertThat(unknownLines).isPositive().isLessThan(lines / 20);
        assertThat(invoicesWithoutShipment).isPositive().isLessThan(history.invoices.size() / 20);
    }

    @Test
    void idsAreUniquePerEventShipmentAndInvoice() {
        Map<String, Set<SpecificRecord>> contentsById = history.arrivals.stream()
                .collect(Collectors.groupingBy(EventHistory::eventId, Collectors.toSet()));
        assertThat(contentsById.values()).allSatisfy(contents -> assertThat(contents).hasSize(1));
        assertThat(history.shipments.stream().map(ShipmentEvent::getShipmentId)).doesNotHaveDuplicates();
        assertThat(history.invoices.stream().map(InvoiceEvent::getInvoiceId)).doesNotHaveDuplicates();
    }

    private static Map<String, Long> quantities(List<OrderLine> lines) {
        return lines.stream().collect(Collectors.toMap(OrderLine::getLineId, OrderLine::getQuantity));
    }
}
