package com.o2cpulse.serde;

import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.AllocationLine;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.InvoiceLine;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.schema.events.OrderLine;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.events.ShipmentLine;
import com.o2cpulse.schema.kpi.BacklogKpi;
import com.o2cpulse.schema.kpi.ExceptionRecord;
import com.o2cpulse.schema.kpi.FillRateKpi;
import com.o2cpulse.schema.kpi.InvoiceLatencyKpi;
import com.o2cpulse.schema.kpi.OrderStatus;
import com.o2cpulse.schema.kpi.OrderStatusLine;
import com.o2cpulse.schema.kpi.OrderStatusType;
import com.o2cpulse.schema.kpi.ReconciliationKpi;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated instance of every generated class, with edge values for the logical types. */
final class SampleRecords {

    static final Instant PLACED = Instant.parse("2024-03-01T09:15:30.123Z");
    static final Instant BEFORE_EPOCH = Instant.parse("1969-12-31T23:59:59.999Z");
    static final LocalDate DAY = LocalDate.of(2024, 3, 1);

    static {
        // newBuilder(other) deep-copies enums and nested records, which makes Avro resolve their classes and refuse
        // untrusted ones; AvroSerde trusts them itself, but these records are built before any serde exists.
        AvroClassTrust.trustProjectClasses();
    }

    private SampleRecords() {
    }

    /** Every generated top-level record class, the nullable unions both set and unset where the class has them. */
    static List<SpecificRecord> all() {
        return List.of(orderEvent(), cancelledOrderEvent(), allocationEvent(), shipmentEvent(), invoiceEvent(),
                orderStatus(), acceptedOrderStatus(), fillRateKpi(), emptyFillRateKpi(), backlogKpi(),
                invoiceLatencyKpi(), reconciliationKpi(), exceptionRecord());
    }

    static OrderEvent orderEvent() {
        return OrderEvent.newBuilder()
                .setEventId("o-1").setCorrelationId("ORD-1").setEventTime(PLACED).setEventType(OrderEventType.PLACED)
                .setChannel("ECOMMERCE").setCustomerId("C-9").setCurrency("EUR")
                .setLines(List.of(
                        OrderLine.newBuilder().setLineId("1").setSku("SKU-A").setQuantity(3)
                                .setUnitPrice(new BigDecimal("19.99")).build(),
                        OrderLine.newBuilder().setLineId("2").setSku("SKU-B").setQuantity(1)
                                .setUnitPrice(new BigDecimal("-0.01")).build()))
                .build();
    }

    static OrderEvent cancelledOrderEvent() {
        return OrderEvent.newBuilder()
                .setEventId("o-2").setCorrelationId("ORD-1").setEventTime(BEFORE_EPOCH)
                .setEventType(OrderEventType.CANCELLED).setChannel(null).setCustomerId(null).setCurrency(null)
                .setLines(List.of())
                .build();
    }

    static AllocationEvent allocationEvent() {
        return AllocationEvent.newBuilder()
                .setEventId("a-1").setCorrelationId("ORD-1").setEventTime(PLACED.plusSeconds(60)).setWarehouseId("WH-1")
                .setLines(List.of(AllocationLine.newBuilder().setLineId("1").setAllocated(2).setBackordered(1).build()))
                .build();
    }

    static ShipmentEvent shipmentEvent() {
        return ShipmentEvent.newBuilder()
                .setEventId("s-1").setCorrelationId("ORD-1").setEventTime(PLACED.plusSeconds(3600))
                .setShipmentId("SH-1").setWarehouseId("WH-1").setCarrier(null)
                .setLines(List.of(ShipmentLine.newBuilder().setLineId("1").setQuantity(2).build()))
                .build();
    }

    static InvoiceEvent invoiceEvent() {
        return InvoiceEvent.newBuilder()
                .setEventId("i-1").setCorrelationId("ORD-1").setEventTime(PLACED.plusSeconds(7200))
                .setInvoiceId("INV-1").setShipmentId("SH-1").setCurrency("EUR")
                .setLines(List.of(InvoiceLine.newBuilder().setLineId("1").setQuantity(2)
                        .setAmount(new BigDecimal("39.98")).build()))
                .build();
    }

    static OrderStatus orderStatus() {
        return OrderStatus.newBuilder()
                .setCorrelationId("ORD-1").setStatus(OrderStatusType.PARTIALLY_INVOICED)
                .setChannel("EDI").setCustomerId("C-9").setCurrency("USD").setOrderDay(DAY)
                .setLines(List.of(
                        statusLine("1", new BigDecimal("1234567890123456.78")),
                        statusLine("2", new BigDecimal("0.00"))))
                .setPlacedAt(PLACED).setVersionAt(PLACED.plusMillis(1))
                .setFirstAllocatedAt(PLACED.plusSeconds(60)).setFirstShippedAt(PLACED.plusSeconds(3600))
                .setFirstInvoicedAt(PLACED.plusSeconds(7200)).setCancelledAt(BEFORE_EPOCH)
                .setOpenExceptions(List.of("OVER_SHIPPED_LINE:line=2", "ORPHAN_EVENT:event=s-9"))
                .setUpdatedAt(PLACED.plusSeconds(7201))
                .build();
    }

    static OrderStatus acceptedOrderStatus() {
        return OrderStatus.newBuilder(orderStatus())
                .setStatus(OrderStatusType.ACCEPTED).setChannel(null).setCustomerId(null).setCurrency(null)
                .setFirstAllocatedAt(null).setFirstShippedAt(null).setFirstInvoicedAt(null).setCancelledAt(null)
                .setOpenExceptions(List.of())
                .build();
    }

    private static OrderStatusLine statusLine(String lineId, BigDecimal unitPrice) {
        return OrderStatusLine.newBuilder().setLineId(lineId).setSku("SKU-" + lineId).setOrdered(5)
                .setUnitPrice(unitPrice).setAllocated(4).setBackordered(1).setShipped(3).setInvoiced(2).build();
    }

    static FillRateKpi fillRateKpi() {
        return FillRateKpi.newBuilder()
                .setScope("channel").setScopeValue("EDI").setDay(DAY)
                .setLinesShipped(10).setLinesFilled(9).setUnitsOrdered(100).setUnitsFilled(95)
                .setOrdersShipped(4).setOrdersFilled(3)
                .setLineFillRate(0.9).setUnitFillRate(0.95).setOrderFillRate(0.75)
                .setUpdatedAt(PLACED)
                .build();
    }

    static FillRateKpi emptyFillRateKpi() {
        return FillRateKpi.newBuilder(fillRateKpi())
                .setLinesShipped(0).setLinesFilled(0).setUnitsOrdered(0).setUnitsFilled(0)
                .setOrdersShipped(0).setOrdersFilled(0)
                .setLineFillRate(null).setUnitFillRate(null).setOrderFillRate(null)
                .build();
    }

    static BacklogKpi backlogKpi() {
        return BacklogKpi.newBuilder()
                .setScope("warehouse").setScopeValue("WH-1").setDay(LocalDate.of(1969, 12, 31)).setCurrency("JPY")
                .setOpenOrders(7).setOpenLines(12).setOpenUnits(340)
                .setOpenValue(new BigDecimal("123456789012345678901234567890123456.78"))
                .setBackorderedUnits(40).setUpdatedAt(PLACED)
                .build();
    }

    static InvoiceLatencyKpi invoiceLatencyKpi() {
        Map<String, Long> histogram = new TreeMap<>(Map.of("60", 3L, "3600", 10L, "86400", 1L));
        return InvoiceLatencyKpi.newBuilder()
                .setScope("all").setScopeValue("*").setDay(DAY)
                .setShipments(20).setInvoiced(14).setNotInvoiced(6).setOverSla(1).setLatencySumSeconds(122580)
                .setP50Seconds(3600L).setP90Seconds(3600L).setP99Seconds(null)
                .setHistogram(histogram).setUpdatedAt(PLACED)
                .build();
    }

    static ReconciliationKpi reconciliationKpi() {
        return ReconciliationKpi.newBuilder().setType("ORPHAN_EVENT").setCount(2).setUpdatedAt(PLACED).build();
    }

    static ExceptionRecord exceptionRecord() {
        return ExceptionRecord.newBuilder()
                .setCorrelationId("ORD-1").setType("INVOICE_SLA_BREACH").setSubject("shipment=SH-1")
                .setDetail("not invoiced within 24h").setEventTime(PLACED).setDetectedAt(PLACED.plusMillis(5))
                .build();
    }
}
