package com.o2cpulse.kpi;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals summed per KPI key as they come, for one flush of one task. The same figures as adding the immutable
 * totals one by one ({@link KpiTotal#plus}), without the copies: an invoice-latency sum keeps its histogram as a
 * map of buckets, where {@link LatencyHistogram#plus} would copy every bucket of the sum for each delta added.
 * Keys whose sum is zero are left out.
 */
public final class KpiSums {

    private final Map<KpiKey, KpiTotal> totals = new HashMap<>();
    private final Map<KpiKey, LatencySum> latencies = new HashMap<>();

    public void add(KpiKey key, KpiTotal delta) {
        if (delta instanceof InvoiceLatencyTotal latency) {
            latencies.computeIfAbsent(key, k -> new LatencySum()).add(latency);
        } else if (totals.merge(key, delta, KpiTotal::plus).isZero()) {
            totals.remove(key);
        }
    }

    public void addAll(Map<KpiKey, KpiTotal> deltas) {
        deltas.forEach(this::add);
    }

    /** The sums that are not zero, by key. */
    public Map<KpiKey, KpiTotal> nonZero() {
        Map<KpiKey, KpiTotal> sums = new HashMap<>(totals);
        latencies.forEach((key, sum) -> {
            InvoiceLatencyTotal total = sum.total();
            if (!total.isZero()) {
                sums.put(key, total);
            }
        });
        return sums;
    }

    public void clear() {
        totals.clear();
        latencies.clear();
    }

    /** An invoice-latency total being summed; overflow throws as in {@link InvoiceLatencyTotal#plus}. */
    private static final class LatencySum {
        private long shipments;
        private long invoiced;
        private long notInvoiced;
        private long overSla;
        private long latencySumSeconds;
        private final Map<Long, Long> counts = new HashMap<>();

        void add(InvoiceLatencyTotal delta) {
            shipments = Math.addExact(shipments, delta.shipments());
            invoiced = Math.addExact(invoiced, delta.invoiced());
            notInvoiced = Math.addExact(notInvoiced, delta.notInvoiced());
            overSla = Math.addExact(overSla, delta.overSla());
            latencySumSeconds = Math.addExact(latencySumSeconds, delta.latencySumSeconds());
            LatencyHistogram histogram = delta.histogram();
            for (int i = 0; i < histogram.size(); i++) {
                if (counts.merge(histogram.bucket(i), histogram.count(i), Math::addExact) == 0) {
                    counts.remove(histogram.bucket(i));
                }
            }
        }

        InvoiceLatencyTotal total() {
            TreeMap<Long, Long> sorted = new TreeMap<>(counts);
            long[] buckets = new long[sorted.size()];
            long[] bucketCounts = new long[sorted.size()];
            int i = 0;
            for (Map.Entry<Long, Long> bucket : sorted.entrySet()) {
                buckets[i] = bucket.getKey();
                bucketCounts[i++] = bucket.getValue();
            }
            return new InvoiceLatencyTotal(shipments, invoiced, notInvoiced, overSla, latencySumSeconds,
                    LatencyHistogram.of(buckets, bucketCounts));
        }
    }
}
