package com.o2cpulse.ops;

import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Retention;
import com.o2cpulse.topology.PipelineMetrics;
import com.o2cpulse.topology.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's meters, as Prometheus reads them: {@code o2c_events_in_total{stream}},
 * {@code o2c_dead_letters_total{topic}}, {@code o2c_kpi_updates_total{kpi}} and the histogram
 * {@code o2c_end_to_end_latency_seconds}. Safe to call from every stream thread.
 *
 * <p>The latency is a Prometheus histogram, so percentiles aggregate across instances:
 * {@code histogram_quantile(0.99, sum by (le) (rate(o2c_end_to_end_latency_seconds_bucket[1m])))}. (Client-side
 * percentiles would not aggregate, and Micrometer's Prometheus registry drops them when buckets are published.)
 */
public final class PrometheusPipelineMetrics implements PipelineMetrics {

    static final String EVENTS_IN = "o2c.events.in";
    static final String DEAD_LETTERS = "o2c.dead.letters";
    static final String KPI_UPDATES = "o2c.kpi.updates";
    static final String END_TO_END_LATENCY = "o2c.end.to.end.latency";
    static final String LATE_EVENTS = "o2c.late.events";
    static final String ORDERS_RETIRED = "o2c.orders.retired";

    private final MeterRegistry registry;
    private final Map<EventStream, Counter> eventsIn = new EnumMap<>(EventStream.class);
    private final Map<KpiFamily, Counter> kpiUpdates = new EnumMap<>(KpiFamily.class);
    private final Timer endToEndLatency;
    private final Map<EventStream, Counter> lateEvents = new EnumMap<>(EventStream.class);
    private final Map<Retention.Reason, Counter> ordersRetired = new EnumMap<>(Retention.Reason.class);

    /** @param topics the input topics get their dead-letter counter at 0 from the start, so that rates and alerts see them */
    public PrometheusPipelineMetrics(MeterRegistry registry, Topics topics) {
        this.registry = registry;
        topics.inputs().forEach(topic -> deadLetters(topic));
        for (EventStream stream : EventStream.values()) {
            eventsIn.put(stream, Counter.builder(EVENTS_IN)
                    .description("Valid input events read, by stream")
                    .tag("stream", stream.streamName())
                    .register(registry));
        }
        for (KpiFamily family : KpiFamily.values()) {
            kpiUpdates.put(family, Counter.builder(KPI_UPDATES)
                    .description("KPI records and tombstones published, by KPI")
                    .tag("kpi", family.id())
                    .register(registry));
        }
        endToEndLatency = Timer.builder(END_TO_END_LATENCY)
                .description("From the append of the oldest input event folded into a KPI change to the change's publication")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        for (EventStream stream : EventStream.values()) {
            lateEvents.put(stream, Counter.builder(LATE_EVENTS)
                    .description("Events for orders retired before they arrived, published to the late-events topic, by stream")
                    .tag("stream", stream.streamName())
                    .register(registry));
        }
        for (Retention.Reason reason : Retention.Reason.values()) {
            ordersRetired.put(reason, Counter.builder(ORDERS_RETIRED)
                    .description("Order states retired after their retention horizon, by reason")
                    .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry));
        }
    }

    @Override
    public void eventReceived(EventStream stream) {
        eventsIn.get(stream).increment();
    }

    @Override
    public void deadLettered(String sourceTopic) {
        deadLetters(sourceTopic == null ? "unknown" : sourceTopic).increment();
    }

    /** The registry keeps one counter per tag set; dead letters are rare, so the lookup cost does not matter. */
    private Counter deadLetters(String sourceTopic) {
        return Counter.builder(DEAD_LETTERS)
                .description("Records sent to the dead-letter topic, by the topic they came from")
                .tag("topic", sourceTopic)
                .register(registry);
    }

    @Override
    public void kpiPublished(KpiFamily family) {
        kpiUpdates.get(family).increment();
    }

    @Override
    public void endToEndLatency(long millis) {
        // Clocks of the broker and this host may disagree by a little; a negative latency means "about none".
        endToEndLatency.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    @Override
    public void lateEvent(EventStream stream) {
        lateEvents.get(stream).increment();
    }

    @Override
    public void orderRetired(Retention.Reason reason) {
        ordersRetired.get(reason).increment();
    }
}
