package com.o2cpulse.lifecycle;

import java.time.Instant;
import java.util.List;

/** Stock allocated or backordered per line by a warehouse. */
public record AllocationFact(String eventId, String correlationId, Instant eventTime, List<AllocationLine> lines)
        implements LifecycleFact {

    public AllocationFact {
        lines = List.copyOf(lines);
    }

    @Override
    public EventStream stream() {
        return EventStream.ALLOCATION;
    }

    public record AllocationLine(String lineId, long allocated, long backordered) {
    }
}
