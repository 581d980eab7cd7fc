package com.o2cpulse.topology;

import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiTotal;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * KPI deltas summed per key within a task until the next flush, so that a hot key costs one record per task per
 * flush interval. A logged store keeps them durable across commits that happen before a flush; a map mirrors it
 * so that adding a delta costs no decoding.
 */
final class PendingKpiDeltas {

    private final KeyValueStore<String, KpiTotal> store;
    private final Map<String, KpiTotal> pending = new HashMap<>();
    /** Append time of the oldest event whose deltas wait, for the end-to-end latency metric only. */
    private long oldestAppend = Long.MAX_VALUE;

    PendingKpiDeltas(KeyValueStore<String, KpiTotal> store) {
        this.store = store;
        try (KeyValueIterator<String, KpiTotal> restored = store.all()) {
            restored.forEachRemaining(entry -> pending.put(entry.key, entry.value));
        }
    }

    void add(Map<KpiKey, KpiTotal> deltas, long appendedAt) {
        deltas.forEach((key, delta) -> {
            String storeKey = key.storeKey();
            KpiTotal sum = pending.merge(storeKey, delta, KpiTotal::plus);
            if (sum.isZero()) {
                pending.remove(storeKey);
                store.delete(storeKey);
            } else {
                store.put(storeKey, sum);
            }
        });
        if (appendedAt >= 0 && !deltas.isEmpty()) {
            oldestAppend = Math.min(oldestAppend, appendedAt);
        }
    }

    /** Sends every pending sum on; deltas carry stream time, so that downstream stream time stays event time. */
    void flush(ProcessorContext<String, Object> context) {
        long streamTime = context.currentStreamTimeMs();
        for (Map.Entry<String, KpiTotal> delta : pending.entrySet()) {
            Record<String, Object> out = new Record<>(delta.getKey(), delta.getValue(), streamTime);
            if (oldestAppend != Long.MAX_VALUE) {
                AppendTime.set(out.headers(), oldestAppend);
            }
            context.forward(out);
            store.delete(delta.getKey());
        }
        pending.clear();
        oldestAppend = Long.MAX_VALUE;
    }
}
