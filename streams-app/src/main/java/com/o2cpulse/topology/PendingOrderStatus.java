package com.o2cpulse.topology;

import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.lifecycle.OrderStatusView;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Orders whose status changed since the last flush: each gets one status record per flush interval, built from
 * its latest state, however many of its events arrived in between. Logged like the KPI deltas, so a commit
 * between an event and the flush loses no status.
 */
final class PendingOrderStatus {

    private static final byte[] MARK = new byte[0];

    private final KeyValueStore<String, byte[]> store;
    private final Set<String> changed = new LinkedHashSet<>();

    PendingOrderStatus(KeyValueStore<String, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<String, byte[]> restored = store.all()) {
            restored.forEachRemaining(entry -> changed.add(entry.key));
        }
    }

    void changed(String correlationId) {
        if (changed.add(correlationId)) {
            store.put(correlationId, MARK);
        }
    }

    /** Status records carry stream time, like the KPI deltas. */
    void flush(ProcessorContext<String, Object> context, OrderStates states, KpiRules rules) {
        for (String correlationId : changed) {
            send(correlationId, context, states, rules);
        }
        changed.clear();
    }

    /** Sends this order's status now if it is pending (before its state is retired). */
    void flush(String correlationId, ProcessorContext<String, Object> context, OrderStates states, KpiRules rules) {
        if (changed.remove(correlationId)) {
            send(correlationId, context, states, rules);
        }
    }

    private void send(String correlationId, ProcessorContext<String, Object> context, OrderStates states, KpiRules rules) {
        OrderStates.Order order = states.get(correlationId);
        if (order != null && order.state().isKnown()) {
            context.forward(new Record<>(correlationId, OrderStatusView.of(correlationId, order.state(), order.findings(), rules,
                    Instant.ofEpochMilli(context.currentSystemTimeMs())), context.currentStreamTimeMs()));
        }
        store.delete(correlationId);
    }
}
