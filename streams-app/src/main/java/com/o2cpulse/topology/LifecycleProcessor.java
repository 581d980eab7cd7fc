package com.o2cpulse.topology;

import com.o2cpulse.kpi.Contributions;
import com.o2cpulse.kpi.Finding;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.kpi.Reconciliation;
import com.o2cpulse.kpi.Tally;
import com.o2cpulse.lifecycle.OrderLifecycle;
import com.o2cpulse.lifecycle.OrderStatusView;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.kpi.ExceptionRecord;
import com.o2cpulse.schema.state.LifecycleEvent;
import com.o2cpulse.schema.state.OrderEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds each event into its order's lifecycle and emits what changed: KPI contribution deltas (summed per task
 * in a logged store and sent on every flush interval, so a hot key costs one record per task per interval),
 * the order's status, and newly found exceptions. Also watches shipped-not-invoiced shipments against the SLA.
 * Outputs are told apart by value type: KpiTotals deltas, OrderStatus, ExceptionRecord.
 */
final class LifecycleProcessor implements Processor<String, LifecycleEvent, String, SpecificRecord> {

    static final String SLA_BREACH = "INVOICE_SLA_BREACH";

    private final TopologySettings settings;
    private final KpiRules rules;
    private final Contributions contributions;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, OrderEvents> lifecycles;
    private KeyValueStore<String, Tally> pendingDeltas;
    /** The pending store's content, so that adding a delta costs no deserialization; the store keeps it durable. */
    private final Map<String, Tally> pending = new HashMap<>();
    private KeyValueStore<String, String> slaWatch;
    /** Append time of the oldest event whose deltas wait for the next flush; for the latency metric only. */
    private long oldestPendingAppend = Long.MAX_VALUE;

    LifecycleProcessor(TopologySettings settings) {
        this.settings = settings;
        this.rules = settings.rules();
        this.contributions = new Contributions(rules);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.lifecycles = context.getStateStore(StoreNames.LIFECYCLES);
        this.pendingDeltas = context.getStateStore(StoreNames.PENDING_DELTAS);
        this.slaWatch = context.getStateStore(StoreNames.SLA_WATCH);
        // A revived task (after a corrupted transaction) re-initialises this same processor: start from the store only.
        pending.clear();
        oldestPendingAppend = Long.MAX_VALUE;
        try (KeyValueIterator<String, Tally> restored = pendingDeltas.all()) {
            restored.forEachRemaining(entry -> pending.put(entry.key, entry.value));
        }
        context.schedule(settings.kpiFlushInterval(), PunctuationType.WALL_CLOCK_TIME, this::flushDeltas);
        context.schedule(settings.slaCheckInterval(), PunctuationType.STREAM_TIME, this::checkSla);
    }

    @Override
    public void process(Record<String, LifecycleEvent> record) {
        String correlationId = record.key();
        OrderEvents stored = lifecycles.get(correlationId);
        OrderLifecycle order = stored == null ? OrderLifecycle.empty() : new OrderLifecycle(stored);
        boolean wasKnown = order.isKnown();
        List<Finding> findingsBefore = Reconciliation.findings(order);
        Map<KpiKey, Tally> contributionsBefore = contributions.of(order, findingsBefore);
        Set<String> labelsBefore = findingsBefore.stream().map(Finding::label).collect(Collectors.toSet());

        SpecificRecordBase event = (SpecificRecordBase) record.value().getEvent();
        if (!order.apply(event)) {
            return;
        }
        lifecycles.put(correlationId, order.events());
        List<Finding> findings = Reconciliation.findings(order);
        Contributions.delta(contributionsBefore, contributions.of(order, findings)).forEach(this::addPendingDelta);
        long appendedAt = AppendTime.of(record.headers());
        if (appendedAt >= 0) {
            oldestPendingAppend = Math.min(oldestPendingAppend, appendedAt);
        }

        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (Finding finding : findings) {
            if (!labelsBefore.contains(finding.label())) {
                ExceptionRecord exception = new ExceptionRecord(correlationId, finding.type().name(), finding.subject(),
                        finding.detail(), Instant.ofEpochMilli(record.timestamp()), now);
                context.forward(new Record<>(correlationId, exception, record.timestamp()));
            }
        }
        if (order.isKnown()) {
            context.forward(new Record<>(correlationId, OrderStatusView.of(correlationId, order, findings, rules, now), record.timestamp()));
            if (!wasKnown) {
                order.shipments().forEach(s -> watchSla(correlationId, s));
            } else if (event instanceof ShipmentEvent shipment) {
                watchSla(correlationId, shipment);
            }
        }
    }

    private void addPendingDelta(KpiKey key, Tally delta) {
        String storeKey = key.storeKey();
        Tally sum = pending.merge(storeKey, delta, Tally::plus);
        if (sum.isZero()) {
            pending.remove(storeKey);
            pendingDeltas.delete(storeKey);
        } else {
            pendingDeltas.put(storeKey, sum);
        }
    }

    /** Deltas carry stream time, not wall-clock time, so that downstream stream time stays event time. */
    private void flushDeltas(long wallClockTime) {
        for (Map.Entry<String, Tally> delta : pending.entrySet()) {
            Record<String, SpecificRecord> out = new Record<>(delta.getKey(), TallyCodec.toAvro(delta.getValue()), context.currentStreamTimeMs());
            if (oldestPendingAppend != Long.MAX_VALUE) {
                AppendTime.set(out.headers(), oldestPendingAppend);
            }
            context.forward(out);
            pendingDeltas.delete(delta.getKey());
        }
        pending.clear();
        oldestPendingAppend = Long.MAX_VALUE;
    }

    /** Each shipment is watched once: when it is applied to a known order, or when its order becomes known. */
    private void watchSla(String correlationId, ShipmentEvent shipment) {
        long deadline = shipment.getEventTime().plus(rules.invoiceSla()).toEpochMilli();
        slaWatch.put(slaWatchKey(deadline, correlationId, shipment.getEventId()), correlationId);
    }

    private static String slaWatchKey(long deadline, String correlationId, String shipmentEventId) {
        return String.format("%019d|%s|%s", deadline, correlationId, shipmentEventId);
    }

    private void checkSla(long streamTime) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> watched = slaWatch.all()) {
            while (watched.hasNext()) {
                KeyValue<String, String> entry = watched.next();
                if (Long.parseLong(entry.key.substring(0, 19)) > streamTime) {
                    break;
                }
                due.add(entry);
            }
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (KeyValue<String, String> entry : due) {
            slaWatch.delete(entry.key);
            String correlationId = entry.value;
            String shipmentEventId = entry.key.substring(19 + 1 + correlationId.length() + 1);
            OrderEvents stored = lifecycles.get(correlationId);
            if (stored == null) {
                continue;
            }
            OrderLifecycle order = new OrderLifecycle(stored);
            Optional<ShipmentEvent> shipment = order.shipments().stream()
                    .filter(s -> s.getEventId().equals(shipmentEventId)).findFirst();
            if (shipment.isPresent() && order.firstInvoiceOf(shipment.get()).isEmpty()) {
                ExceptionRecord breach = new ExceptionRecord(correlationId, SLA_BREACH, "shipment=" + shipmentEventId,
                        "shipment " + shipment.get().getShipmentId() + " shipped at " + shipment.get().getEventTime()
                                + " is not invoiced within " + rules.invoiceSla(),
                        Instant.ofEpochMilli(streamTime), now);
                context.forward(new Record<>(correlationId, breach, streamTime));
            }
        }
    }
}
