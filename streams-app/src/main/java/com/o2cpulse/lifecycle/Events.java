package com.o2cpulse.lifecycle;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecordBase;

/** Reads the fields every input event has, whatever its stream. */
public final class Events {

    private Events() {
    }

    public static String eventId(SpecificRecordBase event) {
        return (String) event.get("eventId");
    }

    public static String correlationId(SpecificRecordBase event) {
        return (String) event.get("correlationId");
    }

    public static Instant eventTime(SpecificRecordBase event) {
        return (Instant) event.get("eventTime");
    }
}
