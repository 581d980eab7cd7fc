package com.o2cpulse.lifecycle;

import java.time.Instant;

/**
 * What one validated input event says about its order, reduced to the fields the lifecycle and KPI rules read.
 * Facts travel between the re-keying and the fold in a binary form of their own, without the schema registry.
 */
public sealed interface LifecycleFact permits OrderFact, AllocationFact, ShipmentFact, InvoiceFact {

    String eventId();

    String correlationId();

    Instant eventTime();

    EventStream stream();
}
