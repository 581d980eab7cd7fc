package com.o2cpulse.replayfile;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.AllocationLine;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.InvoiceLine;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.schema.events.OrderLine;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.events.ShipmentLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The generated input-event classes by schema name. Named explicitly because Avro's own lookup by name refuses
 * classes outside its trusted packages unless a JVM-wide setting allows them.
 */
public final class EventRecords {

    private static final Map<String, Supplier<SpecificRecord>> RECORDS = Map.of(
            OrderEvent.getClassSchema().getFullName(), OrderEvent::new,
            OrderLine.getClassSchema().getFullName(), OrderLine::new,
            AllocationEvent.getClassSchema().getFullName(), AllocationEvent::new,
            AllocationLine.getClassSchema().getFullName(), AllocationLine::new,
            ShipmentEvent.getClassSchema().getFullName(), ShipmentEvent::new,
            ShipmentLine.getClassSchema().getFullName(), ShipmentLine::new,
            InvoiceEvent.getClassSchema().getFullName(), InvoiceEvent::new,
            InvoiceLine.getClassSchema().getFullName(), InvoiceLine::new);

    private EventRecords() {
    }

    static Schema schemaOf(EventStream stream) {
        return switch (stream) {
            case ORDER -> OrderEvent.getClassSchema();
            case ALLOCATION -> AllocationEvent.getClassSchema();
            case SHIPMENT -> ShipmentEvent.getClassSchema();
            case INVOICE -> InvoiceEvent.getClassSchema();
        };
    }

    static SpecificRecord newRecord(Schema schema) {
        Supplier<SpecificRecord> factory = RECORDS.get(schema.getFullName());
        if (factory == null) {
            throw new IllegalStateException("not an input-event record type: " + schema.getFullName());
        }
        return factory.get();
    }

    static Object enumSymbol(Schema schema, String symbol) {
        if (!schema.getFullName().equals(OrderEventType.getClassSchema().getFullName())) {
            throw new IllegalStateException("not an input-event enum type: " + schema.getFullName());
        }
        return OrderEventType.valueOf(symbol);
    }

    /** A deep copy: equal to the original, sharing only immutable values (strings, instants, decimals, enums). */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> T copy(T record) {
        SpecificRecord copy = newRecord(record.getSchema());
        for (Schema.Field field : record.getSchema().getFields()) {
            copy.put(field.pos(), copyOfValue(record.get(field.pos())));
        }
        return (T) copy;
    }

    private static Object copyOfValue(Object value) {
        if (value instanceof SpecificRecord record) {
            return copy(record);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(copyOfValue(item)));
            return items;
        }
        return value;
    }
}
