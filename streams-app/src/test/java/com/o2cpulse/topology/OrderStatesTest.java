package com.o2cpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.kpi.Reconciliation;
import com.o2cpulse.lifecycle.AllocationFact;
import com.o2cpulse.lifecycle.LifecycleFact;
import com.o2cpulse.lifecycle.OrderFact;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.lifecycle.OrderStateCodec;
import com.o2cpulse.lifecycle.VersionLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderStatesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final OrderFact PLACED = new OrderFact("o-1", "SO-1", T0, false, "EDI", "C-1", "EUR",
            List.of(new VersionLine("L1", "SKU-1", 5, new BigDecimal("2.50"))));
    private static final AllocationFact ALL_BUT_ONE = allocation("a-1", Long.MAX_VALUE - 1);
    private static final AllocationFact TWO_MORE = allocation("a-2", 2);

    private KeyValueStore<String, OrderState> store;
    private OrderStates states;

    @BeforeEach
    void store() {
        MockProcessorContext<String, Object> context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.ORDER_STATES), Serdes.String(), O2cSerdes.orderState())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        states = new OrderStates(store);
    }

    private static AllocationFact allocation(String eventId, long allocated) {
        return new AllocationFact(eventId, "SO-1", T0.plusSeconds(60), List.of(new AllocationFact.AllocationLine("L1", allocated, 0)));
    }

    private void fold(LifecycleFact fact) {
        OrderStates.Order order = states.get("SO-1");
        OrderState state = order == null ? new OrderState() : order.state();
        state.apply(fact);
        states.put("SO-1", state, Reconciliation.findings(state), fact);
    }

    private static byte[] folded(LifecycleFact... facts) {
        OrderState state = new OrderState();
        for (LifecycleFact fact : facts) {
            state.apply(fact);
        }
        return OrderStateCodec.encode(state);
    }

    /** Folds TWO_MORE into the held state: the allocation sum overflows after its eventId was recorded. */
    private void failHalfWay() {
        OrderState state = states.get("SO-1").state();
        assertThatThrownBy(() -> state.apply(TWO_MORE)).isInstanceOf(ArithmeticException.class);
        assertThat(state.hasSeen(TWO_MORE)).as("changed half-way").isTrue();
        states.undoFailedEvent("SO-1");
    }

    @Test
    void changedStatesReachTheStoreOnlyWhenWritten() {
        fold(PLACED);
        fold(ALL_BUT_ONE);

        assertThat(store.get("SO-1")).isNull();
        assertThat(OrderStateCodec.encode(states.get("SO-1").state())).isEqualTo(folded(PLACED, ALL_BUT_ONE));
        states.writeChanged();
        assertThat(OrderStateCodec.encode(store.get("SO-1"))).isEqualTo(folded(PLACED, ALL_BUT_ONE));
    }

    @Test
    void aFailedEventOnAStateChangedSinceTheLastWriteLeavesTheStateOfTheEventsBefore() {
        fold(PLACED);
        states.writeChanged();
        fold(ALL_BUT_ONE);

        failHalfWay();

        OrderState after = states.get("SO-1").state();
        assertThat(after.hasSeen(TWO_MORE)).isFalse();
        assertThat(OrderStateCodec.encode(after)).isEqualTo(folded(PLACED, ALL_BUT_ONE));
        assertThat(states.get("SO-1").findings()).isEqualTo(Reconciliation.findings(after));
        states.writeChanged();
        assertThat(OrderStateCodec.encode(store.get("SO-1"))).isEqualTo(folded(PLACED, ALL_BUT_ONE));
    }

    @Test
    void aFailedEventOnAStateNeverWrittenLeavesTheStateOfTheEventsBefore() {
        fold(PLACED);
        fold(ALL_BUT_ONE);

        failHalfWay();

        assertThat(OrderStateCodec.encode(states.get("SO-1").state())).isEqualTo(folded(PLACED, ALL_BUT_ONE));
    }

    @Test
    void aFailedEventOnAWrittenStateReadsItBackFromTheStore() {
        fold(PLACED);
        fold(ALL_BUT_ONE);
        states.writeChanged();

        failHalfWay();

        assertThat(OrderStateCodec.encode(states.get("SO-1").state())).isEqualTo(folded(PLACED, ALL_BUT_ONE));
    }

    @Test
    void aDeletedOrderIsGoneFromTheStoreAndIsNotWrittenBack() {
        fold(PLACED);
        states.writeChanged();
        fold(ALL_BUT_ONE);

        states.delete("SO-1");
        states.writeChanged();

        assertThat(states.get("SO-1")).isNull();
        assertThat(store.get("SO-1")).isNull();
    }
}
