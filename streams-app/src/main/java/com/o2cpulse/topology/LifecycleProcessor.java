package com.o2cpulse.topology;

import com.o2cpulse.kpi.Finding;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.kpi.OrderFold;
import com.o2cpulse.lifecycle.LifecycleFact;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.lifecycle.Retention;
import com.o2cpulse.lifecycle.ShipmentFact;
import com.o2cpulse.schema.kpi.ExceptionRecord;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Folds each event into its order's state ({@link OrderFold}) and emits what changed: KPI contribution deltas
 * and order status, both buffered per task and sent by the first commit after each flush interval
 * ({@link PendingChanges}, {@link #beforeCommit}), and newly found exceptions at once. Shipments are watched against the invoice
 * SLA ({@link SlaWatch}). With a retention, an order whose horizon has passed in stream time is retired
 * ({@link RetiredOrders}), and an event for a retired order is not folded but published as a {@link LateEvent}.
 * Outputs are told apart by value type: KpiTotal, OrderStatus, ExceptionRecord, LateEvent.
 */
final class LifecycleProcessor implements Processor<String, LifecycleFact, String, Object> {

    private final TopologySettings settings;
    private final PipelineMetrics metrics;
    private final KpiRules rules;
    private final OrderFold fold;
    private ProcessorContext<String, Object> context;
    private OrderStates states;
    private PendingChanges pending;
    private SlaWatch slaWatch;
    private RetiredOrders retired;
    /** A flush interval has passed since the last flush: the next commit flushes. */
    private boolean flushDue;
    private long lastFlushMs;

    LifecycleProcessor(TopologySettings settings, PipelineMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.rules = settings.rules();
        this.fold = new OrderFold(rules);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        // A revived task (after a corrupted transaction) re-initialises this same processor: start from the stores only.
        this.context = context;
        this.states = new OrderStates(context.getStateStore(StoreNames.ORDER_STATES));
        this.pending = new PendingChanges(context.getStateStore(StoreNames.PENDING_CHANGES),
                context.getStateStore(StoreNames.LEGACY_PENDING_DELTAS), context.getStateStore(StoreNames.LEGACY_PENDING_STATUS));
        this.slaWatch = new SlaWatch(context.getStateStore(StoreNames.SLA_WATCH), rules);
        this.lastFlushMs = context.currentSystemTimeMs();
        context.<BeforeCommit>getStateStore(StoreNames.BEFORE_COMMIT).register(context, this::beforeCommit);
        context.schedule(settings.kpiFlushInterval(), PunctuationType.WALL_CLOCK_TIME, this::flushInterval);
        context.schedule(settings.slaCheckInterval(), PunctuationType.STREAM_TIME, streamTime -> slaWatch.check(streamTime, states, context));
        settings.retention().ifPresent(retention -> {
            this.retired = new RetiredOrders(context.getStateStore(StoreNames.RETIRED_ORDERS),
                    context.getStateStore(StoreNames.RETENTION_INDEX), retention);
            context.schedule(settings.slaCheckInterval(), PunctuationType.STREAM_TIME, streamTime -> retireDue(retention, streamTime));
        });
    }

    @Override
    public void process(Record<String, LifecycleFact> record) {
        String correlationId = record.key();
        OrderStates.Order order = states.get(correlationId);
        Optional<Retention.Retirement> retirement = Optional.empty();
        if (retired != null) {
            long streamTime = context.currentStreamTimeMs();
            if (order != null) {
                retirement = Optional.of(settings.retention().orElseThrow().retirementOf(order.state()));
                if (retirement.get().isDueAt(Instant.ofEpochMilli(streamTime))) {
                    // Due but not reached by the punctuation yet: the event is late all the same.
                    retire(correlationId, retirement.get());
                    order = null;
                    retirement = Optional.empty();
                }
            }
            if (order == null) {
                Optional<RetiredOrders.Marker> marker = retired.marker(correlationId, streamTime);
                if (marker.isPresent()) {
                    late(record, marker.get());
                    return;
                }
            }
        }
        OrderState state = order == null ? new OrderState() : order.state();
        try {
            Optional<OrderFold.Change> applied = order == null ? fold.apply(state, record.value())
                    : fold.apply(state, order.findings(), record.value());
            if (applied.isPresent()) {
                states.put(correlationId, state, applied.get().findings(), record.value());
                emit(correlationId, state, record, applied.get());
                if (retired != null) {
                    retired.track(correlationId, retirement, settings.retention().orElseThrow().retirementOf(state));
                }
            }
        } catch (RuntimeException e) {
            states.undoFailedEvent(correlationId);
            throw e;
        }
    }

    /** Retires the orders whose horizon stream time has passed; one due later in the same day is indexed again. */
    private void retireDue(Retention retention, long streamTime) {
        for (String correlationId : retired.ordersDue(streamTime)) {
            OrderStates.Order order = states.get(correlationId);
            if (order == null) {
                continue; // retired already, when one of its events found it due
            }
            Retention.Retirement retirement = retention.retirementOf(order.state());
            if (retirement.isDueAt(Instant.ofEpochMilli(streamTime))) {
                retire(correlationId, retirement);
            } else {
                retired.track(correlationId, Optional.empty(), retirement);
            }
        }
        retired.expireMarkers(streamTime);
    }

    /** Its status goes out first if it is pending, so that the order-status topic keeps the order's last status. */
    private void retire(String correlationId, Retention.Retirement retirement) {
        pending.sendStatusNow(correlationId, context, states, rules);
        states.delete(correlationId);
        retired.retire(correlationId, retirement);
        metrics.orderRetired(retirement.reason());
    }

    private void late(Record<String, LifecycleFact> record, RetiredOrders.Marker marker) {
        LifecycleFact fact = record.value();
        LateEvent late = new LateEvent(fact, marker, settings.topics().input(fact.stream()), Origin.of(record.headers()));
        context.forward(new Record<>(record.key(), (Object) late, record.timestamp(), late.headers()));
        metrics.lateEvent(fact.stream());
    }

    private void emit(String correlationId, OrderState state, Record<String, LifecycleFact> record, OrderFold.Change change) {
        if (state.isKnown() || !change.deltas().isEmpty()) {
            // An unknown order has no status to send: only its deltas, if any, wait for the flush.
            pending.add(correlationId, change.deltas(), AppendTime.of(record.headers()));
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (Finding finding : change.newFindings()) {
            ExceptionRecord exception = new ExceptionRecord(correlationId, finding.type().name(), finding.subject(),
                    finding.detail(), Instant.ofEpochMilli(record.timestamp()), now);
            context.forward(new Record<>(correlationId, (Object) exception, record.timestamp()));
        }
        if (state.isKnown()) {
            // Each shipment is watched once: when it is applied to a known order, or when its order becomes known.
            if (change.becameKnown()) {
                state.shipments().forEach(s -> slaWatch.watch(correlationId, s));
            } else if (record.value() instanceof ShipmentFact shipment) {
                state.shipments().stream().filter(s -> s.eventId().equals(shipment.eventId())).findFirst()
                        .ifPresent(s -> slaWatch.watch(correlationId, s));
            }
        }
    }

    /**
     * A flush interval has passed: the next commit sends what is pending, so that a commit leaves nothing pending
     * and the pending store is not written. Where commits are further apart than two intervals (at-least-once
     * commits every 30 s by default) the punctuation flushes itself.
     */
    private void flushInterval(long wallClockMs) {
        flushDue = true;
        if (wallClockMs - lastFlushMs >= 2 * settings.kpiFlushInterval().toMillis()) {
            flush();
        }
    }

    /**
     * Runs inside the commit, before it ({@link BeforeCommit}): what it forwards and writes commits with the input.
     * In-memory stores (a replay) have no changelog and are never restored, so what is pending is not written to
     * them: TopologyTestDriver commits after every record, and writing the sums each time cost a quarter of a replay.
     */
    private void beforeCommit() {
        if (flushDue) {
            flush();
        } else if (settings.stores() == TopologySettings.StoreKind.PERSISTENT) {
            pending.persist();
        }
        states.writeChanged();
    }

    private void flush() {
        pending.flush(context, states, rules);
        flushDue = false;
        lastFlushMs = context.currentSystemTimeMs();
    }
}
