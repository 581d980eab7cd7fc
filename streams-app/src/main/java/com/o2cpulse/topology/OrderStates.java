package com.o2cpulse.topology;

import com.o2cpulse.kpi.Finding;
import com.o2cpulse.kpi.Reconciliation;
import com.o2cpulse.lifecycle.LifecycleFact;
import com.o2cpulse.lifecycle.OrderState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The order-state store of one task, with decoded states in front: an order's next event costs no decoding and
 * no second reconciliation. States changed since the last commit are written to the store once each, just before
 * the commit ({@link #writeChanged}), however many events changed them; until then the changed ones are held here
 * and never evicted. The task is the store's only writer; all of this is dropped whenever the processor is
 * (re)initialised.
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
    /** The orders changed since the last commit, with the facts folded into each since then. */
    private final Map<String, Changed> changed = new HashMap<>();

    /** An order's state and its open findings ({@link Reconciliation#findings} of that state). */
    record Order(OrderState state, List<Finding> findings) {
    }

    private record Changed(Order order, List<LifecycleFact> facts) {
    }

    OrderStates(KeyValueStore<String, OrderState> store) {
        this.store = store;
    }

    /** The order, or null when no event of it was folded yet. */
    Order get(String correlationId) {
        Changed recent = changed.get(correlationId);
        if (recent != null) {
            return recent.order();
        }
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

    /** The order's state after {@code fact} was folded into it; it reaches the store at the next commit. */
    void put(String correlationId, OrderState state, List<Finding> findings, LifecycleFact fact) {
        Order order = new Order(state, findings);
        Changed before = changed.get(correlationId);
        List<LifecycleFact> facts = before == null ? new ArrayList<>(2) : before.facts();
        facts.add(fact);
        changed.put(correlationId, new Changed(order, facts));
        decoded.put(correlationId, order);
    }

    /** Deletes the order's state (a changelog tombstone, so that a restore does not bring it back). */
    void delete(String correlationId) {
        changed.remove(correlationId);
        decoded.remove(correlationId);
        store.delete(correlationId);
    }

    /**
     * An event failed while folding into this order, which may have changed its state half-way: back to the state
     * after the last event that succeeded, the stored one with the facts folded since the last commit applied again.
     */
    void undoFailedEvent(String correlationId) {
        decoded.remove(correlationId);
        Changed recent = changed.remove(correlationId);
        if (recent == null) {
            return; // the store holds the state after the last event that succeeded
        }
        OrderState stored = store.get(correlationId);
        OrderState state = stored == null ? new OrderState() : stored;
        recent.facts().forEach(state::apply);
        Order order = new Order(state, Reconciliation.findings(state));
        changed.put(correlationId, new Changed(order, recent.facts()));
        decoded.put(correlationId, order);
    }

    /** Writes every order changed since the last commit to the store; called just before the commit. */
    void writeChanged() {
        changed.forEach((correlationId, recent) -> store.put(correlationId, recent.order().state()));
        changed.clear();
    }
}
