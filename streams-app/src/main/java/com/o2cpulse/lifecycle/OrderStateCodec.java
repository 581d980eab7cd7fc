package com.o2cpulse.lifecycle;

import com.o2cpulse.binary.BinaryReader;
import com.o2cpulse.binary.BinaryWriter;
import com.o2cpulse.binary.FormatVersion;
import com.o2cpulse.lifecycle.OrderState.Invoice;
import com.o2cpulse.lifecycle.OrderState.LineAllocation;
import com.o2cpulse.lifecycle.OrderState.Shipment;
import com.o2cpulse.lifecycle.OrderState.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The compact binary form of an {@link OrderState} (format 2: format 1 plus the last event time); deterministic,
 * so equal states encode equally.
 */
public final class OrderStateCodec {

    static final int FORMAT = 2;
    private static final String KIND = "order state";

    private OrderStateCodec() {
    }

    public static byte[] encode(OrderState state) {
        BinaryWriter out = new BinaryWriter(256);
        out.writeByte(FORMAT);
        writeIds(out, state.orderEventIds());
        Version version = state.versionOrNull();
        out.writeBoolean(version != null);
        if (version != null) {
            out.writeId(version.eventId()).writeInstant(version.eventTime()).writeNullableString(version.channel())
                    .writeNullableString(version.customerId()).writeNullableString(version.currency());
            writeVersionLines(out, version.lines());
        }
        out.writeNullableInstant(state.placedAtOrNull()).writeNullableInstant(state.cancelledAtOrNull());
        writeIds(out, state.allocationEventIds());
        out.writeNullableInstant(state.firstAllocatedAtOrNull());
        out.writeLong(state.allocationsByLine().size());
        for (Map.Entry<String, LineAllocation> line : state.allocationsByLine().entrySet()) {
            out.writeString(line.getKey()).writeLong(line.getValue().allocated()).writeLong(line.getValue().backordered());
        }
        out.writeLong(state.shipments().size());
        for (Shipment shipment : state.shipments()) {
            out.writeId(shipment.eventId()).writeString(shipment.shipmentId()).writeInstant(shipment.eventTime())
                    .writeString(shipment.warehouseId());
            writeLineQuantities(out, shipment.lines());
        }
        out.writeLong(state.invoices().size());
        for (Invoice invoice : state.invoices()) {
            out.writeId(invoice.eventId()).writeString(invoice.invoiceId()).writeNullableString(invoice.shipmentId())
                    .writeInstant(invoice.eventTime());
        }
        out.writeLong(state.invoicedByLine().size());
        for (Map.Entry<String, Long> line : state.invoicedByLine().entrySet()) {
            out.writeString(line.getKey()).writeLong(line.getValue());
        }
        out.writeNullableInstant(state.lastEventTime().orElse(null));
        return out.toByteArray();
    }

    /** @throws IllegalStateException for state of another format, naming the reset procedure */
    public static OrderState decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        FormatVersion.check(in, FORMAT, KIND);
        NavigableSet<String> orderEventIds = readIds(in);
        Version version = null;
        if (in.readBoolean()) {
            String eventId = in.readId();
            java.time.Instant eventTime = in.readInstant();
            String channel = in.readNullableString();
            String customerId = in.readNullableString();
            String currency = in.readNullableString();
            version = new Version(eventId, eventTime, channel, customerId, currency, readVersionLines(in));
        }
        java.time.Instant placedAt = in.readNullableInstant();
        java.time.Instant cancelledAt = in.readNullableInstant();
        NavigableSet<String> allocationEventIds = readIds(in);
        java.time.Instant firstAllocatedAt = in.readNullableInstant();
        NavigableMap<String, LineAllocation> allocations = new TreeMap<>();
        for (int i = in.readCount(); i > 0; i--) {
            allocations.put(in.readString(), new LineAllocation(in.readLong(), in.readLong()));
        }
        int shipmentCount = in.readCount();
        List<Shipment> shipments = new ArrayList<>(shipmentCount);
        for (int i = 0; i < shipmentCount; i++) {
            shipments.add(new Shipment(in.readId(), in.readString(), in.readInstant(), in.readString(), readLineQuantities(in)));
        }
        int invoiceCount = in.readCount();
        List<Invoice> invoices = new ArrayList<>(invoiceCount);
        for (int i = 0; i < invoiceCount; i++) {
            invoices.add(new Invoice(in.readId(), in.readString(), in.readNullableString(), in.readInstant()));
        }
        NavigableMap<String, Long> invoiced = new TreeMap<>();
        for (int i = in.readCount(); i > 0; i--) {
            invoiced.put(in.readString(), in.readLong());
        }
        java.time.Instant lastEventTime = in.readNullableInstant();
        if (!in.atEnd()) {
            throw new IllegalArgumentException("trailing bytes after an order state");
        }
        return new OrderState(orderEventIds, version, placedAt, cancelledAt, allocationEventIds, firstAllocatedAt, allocations,
                shipments, invoices, invoiced, lastEventTime);
    }

    static void writeVersionLines(BinaryWriter out, List<VersionLine> lines) {
        out.writeLong(lines.size());
        for (VersionLine line : lines) {
            out.writeString(line.lineId()).writeString(line.sku()).writeLong(line.quantity()).writeDecimal(line.unitPrice());
        }
    }

    static List<VersionLine> readVersionLines(BinaryReader in) {
        int count = in.readCount();
        List<VersionLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(new VersionLine(in.readString(), in.readString(), in.readLong(), in.readDecimal()));
        }
        return lines;
    }

    static void writeLineQuantities(BinaryWriter out, List<LineQuantity> lines) {
        out.writeLong(lines.size());
        for (LineQuantity line : lines) {
            out.writeString(line.lineId()).writeLong(line.quantity());
        }
    }

    static List<LineQuantity> readLineQuantities(BinaryReader in) {
        int count = in.readCount();
        List<LineQuantity> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(new LineQuantity(in.readString(), in.readLong()));
        }
        return lines;
    }

    private static void writeIds(BinaryWriter out, java.util.Set<String> ids) {
        out.writeLong(ids.size());
        ids.forEach(out::writeId);
    }

    private static NavigableSet<String> readIds(BinaryReader in) {
        NavigableSet<String> ids = new TreeSet<>();
        for (int i = in.readCount(); i > 0; i--) {
            ids.add(in.readId());
        }
        return ids;
    }
}
