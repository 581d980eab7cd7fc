package com.o2cpulse.topology;

import com.o2cpulse.lifecycle.OrderState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The order-state store of one task with a cache of decoded states in front, so that an order's next event
 * costs no decoding. The store stays the truth: the task is its only writer, and the cache is dropped whenever
 * the processor is (re)initialised or an event fails half-way.
 */
final class OrderStates {

    private static final int CACHED_ORDERS = 4096;

    private final KeyValueStore<String, OrderState> store;
    private final Map<String, OrderState> decoded = new LinkedHashMap<>(CACHED_ORDERS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OrderState> eldest) {
            return size() > CACHED_ORDERS;
        }
    };

    OrderStates(KeyValueStore<String, OrderState> store) {
        this.store = store;
    }

    /** The order's state, or null when no event of it was folded yet. */
    OrderState get(String correlationId) {
        OrderState state = decoded.get(correlationId);
        if (state == null) {
            state = store.get(correlationId);
            if (state != null) {
                decoded.put(correlationId, state);
            }
        }
        return state;
    }

    void put(String correlationId, OrderState state) {
        store.put(correlationId, state);
        decoded.put(correlationId, state);
    }

    /** Forgets a cached state that may differ from the store (an event failed while folding it). */
    void forget(String correlationId) {
        decoded.remove(correlationId);
    }
}
