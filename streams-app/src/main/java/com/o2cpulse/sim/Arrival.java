package com.o2cpulse.sim;

import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * An input event and when it reaches Kafka. Arrival times never decrease along a simulated stream, and an event
 * never arrives before its event time, so a live producer can pace by arrival time.
 */
public record Arrival(Instant arrivalTime, SpecificRecord event) {

    public Arrival {
        Objects.requireNonNull(arrivalTime, "arrivalTime");
        Objects.requireNonNull(event, "event");
    }
}
