package com.o2cpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.kpi.FillRateTotal;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.kpi.KpiTotal;
import com.o2cpulse.kpi.ReconciliationTotal;
import com.o2cpulse.kpi.ReconciliationType;
import com.o2cpulse.lifecycle.OrderState;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingChangesTest {

    private static final KpiKey FILL_ALL = KpiKey.scoped(KpiFamily.FILL_RATE, "all", "all", LocalDate.parse("2026-11-30"));
    private static final KpiKey ORPHANS = KpiKey.reconciliation(ReconciliationType.ORPHAN_EVENT);

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private KeyValueStore<String, byte[]> store;
    private KeyValueStore<String, KpiTotal> legacyDeltas;
    private KeyValueStore<String, byte[]> legacyStatus;
    private OrderStates states;

    @BeforeEach
    void stores() {
        context.setCurrentStreamTimeMs(1_000);
        context.setCurrentSystemTimeMs(2_000);
        store = store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.PENDING_CHANGES), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
        legacyDeltas = store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.LEGACY_PENDING_DELTAS), Serdes.String(), O2cSerdes.kpiTotal()).withLoggingDisabled().build());
        legacyStatus = store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.LEGACY_PENDING_STATUS), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
        KeyValueStore<String, OrderState> orderStates = store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.ORDER_STATES), Serdes.String(), O2cSerdes.orderState()).withLoggingDisabled().build());
        states = new OrderStates(orderStates);
    }

    private <S extends KeyValueStore<String, ?>> S store(S kv) {
        kv.init(context.getStateStoreContext(), kv);
        context.addStateStore(kv);
        return kv;
    }

    private PendingChanges pending() {
        return new PendingChanges(store, legacyDeltas, legacyStatus);
    }

    private Map<String, KpiTotal> flushed(PendingChanges pending) {
        context.resetForwards();
        pending.flush(context, states, KpiRules.DEFAULT);
        Map<String, KpiTotal> sent = new HashMap<>();
        for (MockProcessorContext.CapturedForward<? extends String, ?> forward : context.forwarded()) {
            Record<? extends String, ?> record = forward.record();
            if (record.value() instanceof KpiTotal total) {
                assertThat(sent.put(record.key(), total)).as("one record per KPI key per flush").isNull();
            }
        }
        return sent;
    }

    @Test
    void deltasOfAllOrdersGoOutSummedPerKeyOncePerFlush() {
        PendingChanges pending = pending();
        pending.add("order-1", Map.of(FILL_ALL, FillRateTotal.line(3, 3)), -1);
        pending.add("order-2", Map.of(FILL_ALL, FillRateTotal.line(5, 2), ORPHANS, ReconciliationTotal.ONE), -1);
        pending.add("order-1", Map.of(FILL_ALL, FillRateTotal.line(1, 0)), -1);

        assertThat(flushed(pending)).containsOnly(
                Map.entry(FILL_ALL.storeKey(), FillRateTotal.line(3, 3).plus(FillRateTotal.line(5, 2)).plus(FillRateTotal.line(1, 0))),
                Map.entry(ORPHANS.storeKey(), ReconciliationTotal.ONE));
        assertThat(store.approximateNumEntries()).isZero();
        assertThat(flushed(pending)).isEmpty();
    }

    @Test
    void deltasThatCancelOutSendNothing() {
        PendingChanges pending = pending();
        pending.add("order-1", Map.of(ORPHANS, ReconciliationTotal.ONE), -1);
        pending.add("order-2", Map.of(ORPHANS, ReconciliationTotal.ONE.negate()), -1);

        assertThat(flushed(pending)).isEmpty();
    }

    @Test
    void changesHeldUntilAFlushNeverReachTheStore() {
        PendingChanges pending = pending();
        pending.add("order-1", Map.of(FILL_ALL, FillRateTotal.line(4, 4)), -1);

        assertThat(store.approximateNumEntries()).isZero();
        assertThat(flushed(pending)).containsOnly(Map.entry(FILL_ALL.storeKey(), FillRateTotal.line(4, 4)));
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void whatWasPersistedBeforeARestartIsSentByTheNextFlush() {
        PendingChanges before = pending();
        before.add("order-1", Map.of(FILL_ALL, FillRateTotal.line(4, 4)), -1);
        before.persist();
        before.add("order-2", Map.of(ORPHANS, ReconciliationTotal.ONE), -1);
        before.add("order-1", Map.of(FILL_ALL, FillRateTotal.line(2, 1)), -1);
        before.persist();

        PendingChanges restarted = pending();
        assertThat(flushed(restarted)).containsOnly(
                Map.entry(FILL_ALL.storeKey(), FillRateTotal.line(4, 4).plus(FillRateTotal.line(2, 1))),
                Map.entry(ORPHANS.storeKey(), ReconciliationTotal.ONE));
        assertThat(store.approximateNumEntries()).isZero();
        assertThat(flushed(pending())).isEmpty();
    }

    @Test
    void anUpgradeSendsTheLegacyDeltasOnceAndEmptiesTheLegacyStores() {
        legacyDeltas.put(ORPHANS.storeKey(), new ReconciliationTotal(2));
        legacyStatus.put("order-9", new byte[0]);
        PendingChanges pending = pending();
        pending.add("order-1", Map.of(ORPHANS, ReconciliationTotal.ONE), -1);

        assertThat(flushed(pending)).containsOnly(Map.entry(ORPHANS.storeKey(), new ReconciliationTotal(3)));
        assertThat(legacyDeltas.approximateNumEntries()).isZero();
        assertThat(legacyStatus.approximateNumEntries()).isZero();
        assertThat(flushed(pending())).isEmpty();
    }

    @Test
    void anEarlierBuildsEntryWithDeltasOfItsOwnCountsOnceAcrossAPersistAndARestart() {
        store.put("order-1", PendingChanges.encode(Map.of(FILL_ALL, FillRateTotal.line(4, 4))));
        PendingChanges upgraded = pending();
        upgraded.add("order-2", Map.of(ORPHANS, ReconciliationTotal.ONE), -1);
        upgraded.persist();

        assertThat(flushed(pending())).containsOnly(
                Map.entry(FILL_ALL.storeKey(), FillRateTotal.line(4, 4)),
                Map.entry(ORPHANS.storeKey(), ReconciliationTotal.ONE));
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void aPersistTakesTheLegacyStoresOverSoThatARestartCountsThemOnce() {
        legacyDeltas.put(ORPHANS.storeKey(), new ReconciliationTotal(2));
        PendingChanges upgraded = pending();
        upgraded.persist();

        assertThat(legacyDeltas.approximateNumEntries()).isZero();
        assertThat(flushed(pending())).containsOnly(Map.entry(ORPHANS.storeKey(), new ReconciliationTotal(2)));
    }

    @Test
    void theStoredFormWithManyKeysReadsBackUnchanged() {
        Map<KpiKey, KpiTotal> deltas = Map.of(FILL_ALL, FillRateTotal.line(7, 1), ORPHANS, new ReconciliationTotal(-4),
                KpiKey.scoped(KpiFamily.FILL_RATE, "channel", "EDI", LocalDate.parse("2026-12-01")), FillRateTotal.order(true));

        assertThat(PendingChanges.decode(PendingChanges.encode(deltas))).isEqualTo(deltas);
        assertThat(List.copyOf(PendingChanges.decode(PendingChanges.encode(Map.of())).keySet())).isEmpty();
    }
}
