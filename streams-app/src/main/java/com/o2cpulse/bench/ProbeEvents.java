package com.o2cpulse.bench;

import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.sim.Simulator;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Latency probes: copies of a simulated placed order, each with its own ids and placed at noon (UTC, the default
 * business zone) of its own {@link ProbeDays probe day}, so that it opens a backlog KPI key nothing else touches.
 */
final class ProbeEvents {

    private final OrderEvent template;
    private final String runId;

    ProbeEvents(long seed, Instant simulationStart, String runId) {
        this.template = new Simulator(seed, simulationStart).stream()
                .filter(e -> e instanceof OrderEvent order && order.getEventType() == OrderEventType.PLACED && !order.getLines().isEmpty())
                .map(OrderEvent.class::cast)
                .findFirst()
                .orElseThrow();
        this.runId = runId;
    }

    OrderEvent probe(int index) {
        return OrderEvent.newBuilder(template)
                .setEventId("bench-probe-" + runId + "-" + index)
                .setCorrelationId("BENCH-PROBE-" + runId + "-" + index)
                .setEventTime(ProbeDays.dayOf(index).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC))
                .build();
    }
}
