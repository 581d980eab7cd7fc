package com.o2cpulse.topology;

import com.o2cpulse.binary.BinaryReader;
import com.o2cpulse.binary.BinaryWriter;
import com.o2cpulse.binary.FormatVersion;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.kpi.KpiTotal;
import com.o2cpulse.kpi.KpiTotalCodec;
import com.o2cpulse.kpi.OrderStatusView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the orders of one task changed since the last flush: per order, its KPI deltas summed, and that its status is
 * due. Every flush the deltas of all changed orders go out summed per KPI key, so that a hot key costs one record
 * per task per flush, and each changed order's status goes out once, built from its latest state.
 *
 * <p>The changes are held in memory. A commit normally comes with a flush, which leaves nothing pending; one that
 * comes without ({@link #persist}, before a rebalance for instance) writes each order's pending entry to a logged
 * store first, so that the commit loses neither its deltas nor its status, and the flush that sends them deletes
 * the entry.
 *
 * <p>Earlier 0.2 builds kept deltas per KPI key and status marks per order in two stores of their own
 * ({@link StoreNames#LEGACY_PENDING_DELTAS}, {@link StoreNames#LEGACY_PENDING_STATUS}); what they still hold after an
 * upgrade is read here and sent by the first flush, which empties them. Nothing writes them any more.
 */
final class PendingChanges {

    private static final int FORMAT = 1;
    /** Where the legacy deltas wait: no order has an empty correlationId (the validator refuses it). */
    private static final String LEGACY_DELTAS = "";

    private final KeyValueStore<String, byte[]> store;
    private final KeyValueStore<String, KpiTotal> legacyDeltas;
    private final KeyValueStore<String, byte[]> legacyStatus;
    private boolean legacyPending;
    private final Map<String, Map<KpiKey, KpiTotal>> byOrder = new LinkedHashMap<>();
    /** The orders whose entry in the store is older than their entry here, or missing. */
    private final Set<String> unpersisted = new HashSet<>();
    /** The orders that have an entry in the store. */
    private final Set<String> persisted = new HashSet<>();
    /** Append time of the oldest event whose changes wait, for the end-to-end latency metric only. */
    private long oldestAppend = Long.MAX_VALUE;

    PendingChanges(KeyValueStore<String, byte[]> store, KeyValueStore<String, KpiTotal> legacyDeltas,
                   KeyValueStore<String, byte[]> legacyStatus) {
        this.store = store;
        this.legacyDeltas = legacyDeltas;
        this.legacyStatus = legacyStatus;
        try (KeyValueIterator<String, byte[]> restored = store.all()) {
            restored.forEachRemaining(entry -> {
                byOrder.put(entry.key, decode(entry.value));
                persisted.add(entry.key);
            });
        }
        try (KeyValueIterator<String, byte[]> marks = legacyStatus.all()) {
            marks.forEachRemaining(entry -> {
                byOrder.computeIfAbsent(entry.key, id -> new HashMap<>());
                legacyPending = true;
            });
        }
        try (KeyValueIterator<String, KpiTotal> deltas = legacyDeltas.all()) {
            deltas.forEachRemaining(entry -> {
                byOrder.computeIfAbsent(LEGACY_DELTAS, id -> new HashMap<>()).merge(KpiKey.parseStoreKey(entry.key), entry.value, KpiTotal::plus);
                legacyPending = true;
            });
        }
    }

    /** Records an applied event of this order: its deltas (maybe none) and, when it is known, that its status is due. */
    void add(String correlationId, Map<KpiKey, KpiTotal> deltas, long appendedAt) {
        Map<KpiKey, KpiTotal> sums = byOrder.computeIfAbsent(correlationId, id -> new HashMap<>());
        deltas.forEach((key, delta) -> {
            if (sums.merge(key, delta, KpiTotal::plus).isZero()) {
                sums.remove(key);
            }
        });
        unpersisted.add(correlationId);
        if (appendedAt >= 0 && !deltas.isEmpty()) {
            oldestAppend = Math.min(oldestAppend, appendedAt);
        }
    }

    /** Writes the pending entry of each order changed since the last flush or persist to the store. */
    void persist() {
        for (String correlationId : unpersisted) {
            store.put(correlationId, encode(byOrder.get(correlationId)));
            persisted.add(correlationId);
        }
        unpersisted.clear();
    }

    /**
     * Sends the status of this order now if it is due, before its state is retired; its deltas wait for the flush.
     * Once retired, the order has no state, so the flush sends no second status.
     */
    void sendStatusNow(String correlationId, ProcessorContext<String, Object> context, OrderStates states, KpiRules rules) {
        if (byOrder.containsKey(correlationId)) {
            sendStatus(correlationId, context, states, rules);
        }
    }

    /** Sends every pending sum and status on; both carry stream time, so that downstream stream time stays event time. */
    void flush(ProcessorContext<String, Object> context, OrderStates states, KpiRules rules) {
        Map<KpiKey, KpiTotal> sums = new HashMap<>();
        for (Map.Entry<String, Map<KpiKey, KpiTotal>> order : byOrder.entrySet()) {
            order.getValue().forEach((key, delta) -> sums.merge(key, delta, KpiTotal::plus));
            sendStatus(order.getKey(), context, states, rules);
        }
        persisted.forEach(store::delete);
        long streamTime = context.currentStreamTimeMs();
        for (Map.Entry<KpiKey, KpiTotal> sum : sums.entrySet()) {
            if (!sum.getValue().isZero()) {
                Record<String, Object> out = new Record<>(sum.getKey().storeKey(), sum.getValue(), streamTime);
                if (oldestAppend != Long.MAX_VALUE) {
                    AppendTime.set(out.headers(), oldestAppend);
                }
                context.forward(out);
            }
        }
        byOrder.clear();
        unpersisted.clear();
        persisted.clear();
        oldestAppend = Long.MAX_VALUE;
        if (legacyPending) {
            deleteAll(legacyStatus);
            deleteAll(legacyDeltas);
            legacyPending = false;
        }
    }

    private static <V> void deleteAll(KeyValueStore<String, V> legacy) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> entries = legacy.all()) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(legacy::delete);
    }

    private static void sendStatus(String correlationId, ProcessorContext<String, Object> context, OrderStates states, KpiRules rules) {
        OrderStates.Order order = states.get(correlationId);
        if (order != null && order.state().isKnown()) {
            context.forward(new Record<>(correlationId, OrderStatusView.of(correlationId, order.state(), order.findings(), rules,
                    Instant.ofEpochMilli(context.currentSystemTimeMs())), context.currentStreamTimeMs()));
        }
    }

    static byte[] encode(Map<KpiKey, KpiTotal> deltas) {
        BinaryWriter out = new BinaryWriter(16 + 48 * deltas.size()).writeByte(FORMAT).writeLong(deltas.size());
        deltas.forEach((key, delta) -> out.writeString(key.storeKey()).writeBytes(KpiTotalCodec.encode(delta)));
        return out.toByteArray();
    }

    static Map<KpiKey, KpiTotal> decode(byte[] bytes) {
        Map<KpiKey, KpiTotal> deltas = new HashMap<>();
        BinaryReader in = new BinaryReader(bytes);
        FormatVersion.check(in, FORMAT, "pending order change");
        int count = in.readCount();
        for (int i = 0; i < count; i++) {
            deltas.put(KpiKey.parseStoreKey(in.readString()), KpiTotalCodec.decode(in.readBytes()));
        }
        return deltas;
    }
}
