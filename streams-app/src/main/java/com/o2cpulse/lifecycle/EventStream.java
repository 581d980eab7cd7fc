package com.o2cpulse.lifecycle;

import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.ShipmentEvent;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** The four input streams of the order-to-cash lifecycle. */
public enum EventStream {
    ORDER("order", "orders", OrderEvent.class),
    ALLOCATION("allocation", "allocations", AllocationEvent.class),
    SHIPMENT("shipment", "shipments", ShipmentEvent.class),
    INVOICE("invoice", "invoices", InvoiceEvent.class);

    private final String streamName;
    private final String topicSuffix;
    private final Class<? extends SpecificRecord> eventClass;

    EventStream(String streamName, String topicSuffix, Class<? extends SpecificRecord> eventClass) {
        this.streamName = streamName;
        this.topicSuffix = topicSuffix;
        this.eventClass = eventClass;
    }

    /** The name used in replay files' {@code "stream"} field. */
    public String streamName() {
        return streamName;
    }

    /** The topic name after the configured prefix: {@code o2c.} + this. */
    public String topicSuffix() {
        return topicSuffix;
    }

    public Class<? extends SpecificRecord> eventClass() {
        return eventClass;
    }

    public static Optional<EventStream> byStreamName(String name) {
        return Arrays.stream(values()).filter(s -> s.streamName.equals(name)).findFirst();
    }

    public static EventStream of(SpecificRecord event) {
        return Arrays.stream(values())
                .filter(s -> s.eventClass.isInstance(event))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an input event: " + event.getClass().getName()));
    }
}
