package com.o2cpulse.lifecycle;

import com.o2cpulse.binary.BinaryReader;
import com.o2cpulse.binary.BinaryWriter;
import com.o2cpulse.binary.FormatVersion;
import java.util.ArrayList;
import java.util.List;

/** The binary form of a {@link LifecycleFact} on the repartition topic (format 1): the stream, then its fields. */
public final class LifecycleFactCodec {

    static final int FORMAT = 1;
    private static final String KIND = "lifecycle event";

    private LifecycleFactCodec() {
    }

    public static byte[] encode(LifecycleFact fact) {
        BinaryWriter out = new BinaryWriter(160);
        out.writeByte(FORMAT).writeByte(fact.stream().ordinal());
        out.writeId(fact.eventId()).writeString(fact.correlationId()).writeInstant(fact.eventTime());
        if (fact instanceof OrderFact order) {
            out.writeBoolean(order.cancellation()).writeNullableString(order.channel()).writeNullableString(order.customerId())
                    .writeNullableString(order.currency());
            OrderStateCodec.writeVersionLines(out, order.lines());
        } else if (fact instanceof AllocationFact allocation) {
            out.writeLong(allocation.lines().size());
            for (AllocationFact.AllocationLine line : allocation.lines()) {
                out.writeString(line.lineId()).writeLong(line.allocated()).writeLong(line.backordered());
            }
        } else if (fact instanceof ShipmentFact shipment) {
            out.writeString(shipment.shipmentId()).writeString(shipment.warehouseId());
            OrderStateCodec.writeLineQuantities(out, shipment.lines());
        } else {
            InvoiceFact invoice = (InvoiceFact) fact;
            out.writeString(invoice.invoiceId()).writeNullableString(invoice.shipmentId());
            OrderStateCodec.writeLineQuantities(out, invoice.lines());
        }
        return out.toByteArray();
    }

    public static LifecycleFact decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        FormatVersion.check(in, FORMAT, KIND);
        int streamOrdinal = in.readByte();
        if (streamOrdinal >= EventStream.values().length) {
            throw new IllegalArgumentException("unknown stream " + streamOrdinal + " in a lifecycle event");
        }
        EventStream stream = EventStream.values()[streamOrdinal];
        String eventId = in.readId();
        String correlationId = in.readString();
        java.time.Instant eventTime = in.readInstant();
        LifecycleFact fact = switch (stream) {
            case ORDER -> {
                boolean cancellation = in.readBoolean();
                String channel = in.readNullableString();
                String customerId = in.readNullableString();
                String currency = in.readNullableString();
                yield new OrderFact(eventId, correlationId, eventTime, cancellation, channel, customerId, currency,
                        OrderStateCodec.readVersionLines(in));
            }
            case ALLOCATION -> {
                int count = in.readCount();
                List<AllocationFact.AllocationLine> lines = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    lines.add(new AllocationFact.AllocationLine(in.readString(), in.readLong(), in.readLong()));
                }
                yield new AllocationFact(eventId, correlationId, eventTime, lines);
            }
            case SHIPMENT -> new ShipmentFact(eventId, correlationId, eventTime, in.readString(), in.readString(),
                    OrderStateCodec.readLineQuantities(in));
            case INVOICE -> new InvoiceFact(eventId, correlationId, eventTime, in.readString(), in.readNullableString(),
                    OrderStateCodec.readLineQuantities(in));
        };
        if (!in.atEnd()) {
            throw new IllegalArgumentException("trailing bytes after a lifecycle event");
        }
        return fact;
    }
}
