package com.o2cpulse.topology;

import com.o2cpulse.binary.BinaryReader;
import com.o2cpulse.binary.BinaryWriter;
import com.o2cpulse.binary.FormatVersion;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.kpi.KpiSums;
import com.o2cpulse.kpi.KpiTotal;
import com.o2cpulse.kpi.KpiTotalCodec;
import com.o2cpulse.kpi.OrderStatusView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the orders of one task changed since the last flush: the KPI deltas of all of them summed per KPI key, and
 * which orders' status is due. Each flush sends one record per changed KPI key, so that a hot key costs one record
 * per task per flush, and each changed order's status once, built from its latest state.
 *
 * <p>The changes are held in memory. A commit normally comes with a flush, which leaves nothing pending; one that
 * comes without ({@link #persist}, before a rebalance for instance) first writes them to a logged store, so that
 * the commit loses neither deltas nor statuses: an entry per changed order (no deltas) and the summed deltas under
 * the empty key, which no order has (the validator refuses an empty correlationId). The flush that sends them
 * deletes the entries. An entry of an earlier 0.2 build carries its order's own deltas: they are added to the sums.
 *
 * <p>Earlier 0.2 builds also kept deltas per KPI key and status marks per order in two stores of their own
 * ({@link StoreNames#LEGACY_PENDING_DELTAS}, {@link StoreNames#LEGACY_PENDING_STATUS}); what they still hold after an
 * upgrade is taken over here, and the first flush or persist empties them. Nothing writes them any more.
 */
final class PendingChanges {

    private static final int FORMAT = 1;
    private static final String SUMS = "";

    private final KeyValueStore<String, byte[]> store;
    private final KeyValueStore<String, KpiTotal> legacyDeltas;
    private final KeyValueStore<String, byte[]> legacyStatus;
    private boolean legacyPending;
    private final KpiSums sums = new KpiSums();
    /** The orders whose status is due, in the order of their first change. */
    private final Set<String> statusDue = new LinkedHashSet<>();
    /** Changed since the last persist: orders without an entry in the store, and whether the sums moved. */
    private final Set<String> unpersisted = new HashSet<>();
    private boolean sumsUnpersisted;
    /** The keys that have an entry in the store. */
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
                persisted.add(entry.key);
                Map<KpiKey, KpiTotal> deltas = decode(entry.value);
                sums.addAll(deltas);
                if (!entry.key.equals(SUMS)) {
                    statusDue.add(entry.key);
                    if (!deltas.isEmpty()) {
                        // An earlier build's entry with deltas of its own: the next persist rewrites it without them.
                        unpersisted.add(entry.key);
                        sumsUnpersisted = true;
                    }
                }
            });
        }
        try (KeyValueIterator<String, byte[]> marks = legacyStatus.all()) {
            marks.forEachRemaining(entry -> {
                statusDue.add(entry.key);
                unpersisted.add(entry.key);
                legacyPending = true;
            });
        }
        try (KeyValueIterator<String, KpiTotal> deltas = legacyDeltas.all()) {
            deltas.forEachRemaining(entry -> {
                sums.add(KpiKey.parseStoreKey(entry.key), entry.value);
                sumsUnpersisted = true;
                legacyPending = true;
            });
        }
    }

    /** Records an applied event of this order: its deltas (maybe none) and, when it is known, that its status is due. */
    void add(String correlationId, Map<KpiKey, KpiTotal> deltas, long appendedAt) {
        statusDue.add(correlationId);
        if (!persisted.contains(correlationId)) {
            unpersisted.add(correlationId);
        }
        if (!deltas.isEmpty()) {
            sums.addAll(deltas);
            sumsUnpersisted = true;
            if (appendedAt >= 0) {
                oldestAppend = Math.min(oldestAppend, appendedAt);
            }
        }
    }

    /** Writes what changed since the last flush or persist to the store. */
    void persist() {
        for (String correlationId : unpersisted) {
            store.put(correlationId, encode(Map.of()));
            persisted.add(correlationId);
        }
        unpersisted.clear();
        if (sumsUnpersisted) {
            store.put(SUMS, encode(sums.nonZero()));
            persisted.add(SUMS);
            sumsUnpersisted = false;
        }
        if (legacyPending) {
            // Taken over by the entries just written.
            emptyLegacyStores();
        }
    }

    /**
     * Sends the status of this order now if it is due, before its state is retired; its deltas wait for the flush.
     * Once retired, the order has no state, so the flush sends no second status.
     */
    void sendStatusNow(String correlationId, ProcessorContext<String, Object> context, OrderStates states, KpiRules rules) {
        if (statusDue.contains(correlationId)) {
            sendStatus(correlationId, context, states, rules);
        }
    }

    /** Sends every pending sum and status on; both carry stream time, so that downstream stream time stays event time. */
    void flush(ProcessorContext<String, Object> context, OrderStates states, KpiRules rules) {
        for (String correlationId : statusDue) {
            sendStatus(correlationId, context, states, rules);
        }
        persisted.forEach(store::delete);
        long streamTime = context.currentStreamTimeMs();
        for (Map.Entry<KpiKey, KpiTotal> sum : sums.nonZero().entrySet()) {
            Record<String, Object> out = new Record<>(sum.getKey().storeKey(), sum.getValue(), streamTime);
            if (oldestAppend != Long.MAX_VALUE) {
                AppendTime.set(out.headers(), oldestAppend);
            }
            context.forward(out);
        }
        sums.clear();
        statusDue.clear();
        unpersisted.clear();
        sumsUnpersisted = false;
        persisted.clear();
        oldestAppend = Long.MAX_VALUE;
        if (legacyPending) {
            emptyLegacyStores();
        }
    }

    private void emptyLegacyStores() {
        deleteAll(legacyStatus);
        deleteAll(legacyDeltas);
        legacyPending = false;
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
