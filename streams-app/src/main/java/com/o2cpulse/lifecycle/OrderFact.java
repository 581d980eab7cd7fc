package com.o2cpulse.lifecycle;

import java.time.Instant;
import java.util.List;

/** A PLACED or AMENDED order version, or a cancellation (which carries no version). */
public record OrderFact(String eventId, String correlationId, Instant eventTime, boolean cancellation, String channel,
                        String customerId, String currency, List<VersionLine> lines) implements LifecycleFact {

    public OrderFact {
        lines = List.copyOf(lines);
    }

    @Override
    public EventStream stream() {
        return EventStream.ORDER;
    }
}
