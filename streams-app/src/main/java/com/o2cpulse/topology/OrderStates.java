package com.o2cpulse.topology;

import com.o2cpulse.kpi.Finding;
import com.o2cpulse.kpi.Reconciliation;
import com.o2cpulse.lifecycle.OrderState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The order-state store of one task with a cache of decoded states and their findings in front, so that an
 * order's next event costs no decoding and no second reconciliation. The store stays the truth: the task is its only writer, and the cache is dropped whenever
 * the processor is (re)initialised or an event fails half-way.
 */
final class OrderStates {

    private static final int CACHED_ORDERS = 4096;

    private final KeyValueStore<String, OrderState> store;
    private final Map<String, Order> decoded = new LinkedHashMap<>(CACHED_ORDERS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
            return size() > CACHED_ORDERS;
        }
    };

    /** An order's state and its open findings ({@link Reconciliation#findings} of that state). */
    record Order(OrderState state, List<Finding> findings) {
    }

    OrderStates(KeyValueStore<String, OrderState> store) {
        this.store = store;
    }

    /** The order, or null when no event of it was folded yet. */
    Order get(String correlationId) {
        Order order = decoded.get(correlationId);
        if (order == null) {
            OrderState state = store.get(correlationId);
            if (state != null) {
                order = new Order(state, Reconciliation.findings(state));
                decoded.put(correlationId, order);
            }
        }
        return order;
    }

    void put(String correlationId, OrderState state, List<Finding> findings) {
        store.put(correlationId, state);
        decoded.put(correlationId, new Order(state, findings));
    }

    /** Deletes the order's state (a changelog tombstone, so that a restore does not bring it back). */
    void delete(String correlationId) {
        store.delete(correlationId);
        decoded.remove(correlationId);
    }

    /** Forgets a cached state that may differ from the store (an event failed while folding it). */
    void forget(String correlationId) {
        decoded.remove(correlationId);
    }
}
