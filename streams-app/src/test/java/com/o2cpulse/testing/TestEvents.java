package com.o2cpulse.testing;

import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.AllocationLine;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.InvoiceLine;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.schema.events.OrderLine;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.events.ShipmentLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;


/** Small builders for test events: {@code placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", "SKU", 10, "2.50").build()}. */
public final class TestEvents {

    private TestEvents() {
    }

    public static Instant at(String instant) {
        return Instant.parse(instant);
    }

    public static OrderBuilder placed(String eventId, String correlationId, String time) {
        return new OrderBuilder(eventId, correlationId, time, OrderEventType.PLACED);
    }

    public static OrderBuilder amended(String eventId, String correlationId, String time) {
        return new OrderBuilder(eventId, correlationId, time, OrderEventType.AMENDED);
    }

    public static OrderEvent cancelled(String eventId, String correlationId, String time) {
        return new OrderEvent(eventId, correlationId, at(time), OrderEventType.CANCELLED, null, null, null, new ArrayList<>());
    }

    public static AllocationBuilder allocation(String eventId, String correlationId, String time, String warehouse) {
        return new AllocationBuilder(eventId, correlationId, time, warehouse);
    }

    public static ShipmentBuilder shipment(String eventId, String correlationId, String time, String shipmentId, String warehouse) {
        return new ShipmentBuilder(eventId, correlationId, time, shipmentId, warehouse);
    }

    public static InvoiceBuilder invoice(String eventId, String correlationId, String time, String invoiceId, String shipmentId) {
        return new InvoiceBuilder(eventId, correlationId, time, invoiceId, shipmentId);
    }

    public static final class OrderBuilder {
        private final OrderEvent event;

        OrderBuilder(String eventId, String correlationId, String time, OrderEventType type) {
            event = new OrderEvent(eventId, correlationId, at(time), type, "ECOMMERCE", "C-1", "USD", new ArrayList<>());
        }

        public OrderBuilder channel(String channel) {
            event.setChannel(channel);
            return this;
        }

        public OrderBuilder currency(String currency) {
            event.setCurrency(currency);
            return this;
        }

        public OrderBuilder line(String lineId, long quantity, String unitPrice) {
            event.getLines().add(new OrderLine(lineId, "SKU-" + lineId, quantity, new BigDecimal(unitPrice)));
            return this;
        }

        public OrderEvent build() {
            return event;
        }
    }

    public static final class AllocationBuilder {
        private final AllocationEvent event;

        AllocationBuilder(String eventId, String correlationId, String time, String warehouse) {
            event = new AllocationEvent(eventId, correlationId, at(time), warehouse, new ArrayList<>());
        }

        public AllocationBuilder line(String lineId, long allocated, long backordered) {
            event.getLines().add(new AllocationLine(lineId, allocated, backordered));
            return this;
        }

        public AllocationEvent build() {
            return event;
        }
    }

    public static final class ShipmentBuilder {
        private final ShipmentEvent event;

        ShipmentBuilder(String eventId, String correlationId, String time, String shipmentId, String warehouse) {
            event = new ShipmentEvent(eventId, correlationId, at(time), shipmentId, warehouse, "UPS", new ArrayList<>());
        }

        public ShipmentBuilder line(String lineId, long quantity) {
            event.getLines().add(new ShipmentLine(lineId, quantity));
            return this;
        }

        public ShipmentEvent build() {
            return event;
        }
    }

    public static final class InvoiceBuilder {
        private final InvoiceEvent event;

        InvoiceBuilder(String eventId, String correlationId, String time, String invoiceId, String shipmentId) {
            event = new InvoiceEvent(eventId, correlationId, at(time), invoiceId, shipmentId, "USD", new ArrayList<>());
        }

        public InvoiceBuilder line(String lineId, long quantity, String amount) {
            event.getLines().add(new InvoiceLine(lineId, quantity, new BigDecimal(amount)));
            return this;
        }

        public InvoiceEvent build() {
            return event;
        }
    }

}
