package com.o2cpulse.lifecycle;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Checks the input contract that decoding cannot: identifiers present, times and quantities in range,
 * money exact to the cent, and the order fields that KPI keys are made of.
 */
public final class EventValidator {

    /** Bounds that keep every sum exact in a long; far beyond any real order. */
    static final long MAX_QUANTITY = 1_000_000_000_000L;
    static final int MAX_ID_LENGTH = 200;
    /**
     * The last instant an event may carry: business dates keep four-digit years, and an event time plus the invoice
     * SLA (the shipment's SLA deadline) still fits an epoch-millisecond long.
     */
    static final Instant LATEST_EVENT_TIME = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final int MONEY_PRECISION = 18;

    /** @throws InvalidEventException naming the first problem found */
    public void validate(SpecificRecordBase event) {
        String stream = EventStream.of(event).streamName();
        requireId(Events.eventId(event), stream, "eventId");
        requireId(Events.correlationId(event), stream, "correlationId");
        Instant eventTime = Events.eventTime(event);
        if (eventTime == null) {
            throw invalid(stream, "missing eventTime");
        }
        if (eventTime.isBefore(Instant.EPOCH)) {
            throw invalid(stream, "eventTime " + eventTime + " is before 1970-01-01");
        }
        if (eventTime.isAfter(LATEST_EVENT_TIME)) {
            throw invalid(stream, "eventTime " + eventTime + " is after " + LATEST_EVENT_TIME);
        }
        if (event instanceof OrderEvent order) {
            validateOrder(order);
        } else if (event instanceof AllocationEvent allocation) {
            requireKeyPart(allocation.getWarehouseId(), stream, "warehouseId");
            validateLines(stream, allocation.getLines(), AllocationLine::getLineId, line -> {
                requireQuantity(stream, "allocated", line.getLineId(), line.getAllocated());
                requireQuantity(stream, "backordered", line.getLineId(), line.getBackordered());
            });
        } else if (event instanceof ShipmentEvent shipment) {
            requireId(shipment.getShipmentId(), stream, "shipmentId");
            requireKeyPart(shipment.getWarehouseId(), stream, "warehouseId");
            validateLines(stream, shipment.getLines(), ShipmentLine::getLineId,
                    line -> requireQuantity(stream, "quantity", line.getLineId(), line.getQuantity()));
        } else if (event instanceof InvoiceEvent invoice) {
            requireId(invoice.getInvoiceId(), stream, "invoiceId");
            validateLines(stream, invoice.getLines(), InvoiceLine::getLineId, line -> {
                requireQuantity(stream, "quantity", line.getLineId(), line.getQuantity());
                requireMoney(stream, "amount", line.getLineId(), line.getAmount());
            });
        }
    }

    private void validateOrder(OrderEvent order) {
        String stream = EventStream.ORDER.streamName();
        if (order.getEventType() == null) {
            throw invalid(stream, "missing eventType");
        }
        if (order.getEventType() != OrderEventType.CANCELLED) {
            requireKeyPart(order.getChannel(), stream, "channel");
            requireKeyPart(order.getCurrency(), stream, "currency");
        }
        validateLines(stream, order.getLines(), OrderLine::getLineId, line -> {
            requireQuantity(stream, "quantity", line.getLineId(), line.getQuantity());
            requireMoney(stream, "unitPrice", line.getLineId(), line.getUnitPrice());
        });
    }

    private static <L> void validateLines(String stream, List<L> lines, Function<L, String> lineId,
                                          java.util.function.Consumer<L> checkLine) {
        if (lines == null) {
            throw invalid(stream, "missing lines");
        }
        Set<String> seen = new HashSet<>();
        for (L line : lines) {
            String id = lineId.apply(line);
            requireId(id, stream, "lineId");
            if (!seen.add(id)) {
                throw invalid(stream, "lineId " + id + " appears twice");
            }
            checkLine.accept(line);
        }
    }

    private static void requireId(String value, String stream, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(stream, "missing " + field);
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw invalid(stream, field + " longer than " + MAX_ID_LENGTH + " characters");
        }
    }

    /** Channel, warehouse and currency become parts of KPI keys, so they cannot hold the key separators. */
    private static void requireKeyPart(String value, String stream, String field) {
        requireId(value, stream, field);
        if (value.indexOf('|') >= 0 || value.indexOf('=') >= 0 || value.indexOf('/') >= 0) {
            throw invalid(stream, field + " '" + value + "' contains a key separator (| = /)");
        }
    }

    private static void requireQuantity(String stream, String field, String lineId, long quantity) {
        if (quantity < 0) {
            throw invalid(stream, "negative " + field + " " + quantity + " on line " + lineId);
        }
        if (quantity > MAX_QUANTITY) {
            throw invalid(stream, field + " " + quantity + " on line " + lineId + " exceeds " + MAX_QUANTITY);
        }
    }

    private static void requireMoney(String stream, String field, String lineId, BigDecimal amount) {
        if (amount == null) {
            throw invalid(stream, "missing " + field + " on line " + lineId);
        }
        if (amount.signum() < 0) {
            throw invalid(stream, "negative " + field + " " + amount.toPlainString() + " on line " + lineId);
        }
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            throw invalid(stream, field + " " + amount.toPlainString() + " on line " + lineId + " has more than 2 decimals");
        }
        if (amount.precision() - amount.scale() > MONEY_PRECISION - 2) {
            throw invalid(stream, field + " " + amount.toPlainString() + " on line " + lineId + " is too large");
        }
    }

    private static InvalidEventException invalid(String stream, String reason) {
        return new InvalidEventException(stream + " event: " + reason);
    }
}
