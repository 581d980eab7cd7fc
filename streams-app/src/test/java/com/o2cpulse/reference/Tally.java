package com.o2cpulse.reference;


import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * What one order contributes to one KPI key, or the sum of many contributions: named counts, exact amounts
 * (scale 2) and latency-histogram buckets. Immutable; zero entries are dropped so equal tallies are equal.
 */
public final class Tally {

    public static final Tally ZERO = new Tally(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    private final SortedMap<String, Long> counts;
    private final SortedMap<String, BigDecimal> amounts;
    private final SortedMap<Long, Long> histogram;

    private Tally(SortedMap<String, Long> counts, SortedMap<String, BigDecimal> amounts, SortedMap<Long, Long> histogram) {
        this.counts = Collections.unmodifiableSortedMap(counts);
        this.amounts = Collections.unmodifiableSortedMap(amounts);
        this.histogram = Collections.unmodifiableSortedMap(histogram);
    }

    public static Tally of(Map<String, Long> counts, Map<String, BigDecimal> amounts, Map<Long, Long> histogram) {
        SortedMap<String, Long> c = new TreeMap<>();
        counts.forEach((name, n) -> {
            if (n != 0) {
                c.put(name, n);
            }
        });
        SortedMap<String, BigDecimal> a = new TreeMap<>();
        amounts.forEach((name, amount) -> {
            if (amount.signum() != 0) {
                a.put(name, amount.setScale(2));
            }
        });
        SortedMap<Long, Long> h = new TreeMap<>();
        histogram.forEach((bucket, n) -> {
            if (n != 0) {
                h.put(bucket, n);
            }
        });
        return new Tally(c, a, h);
    }

    public static Tally count(String name, long n) {
        return of(Map.of(name, n), Map.of(), Map.of());
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    public BigDecimal amount(String name) {
        return amounts.getOrDefault(name, BigDecimal.ZERO.setScale(2));
    }

    public SortedMap<String, Long> counts() {
        return counts;
    }

    public SortedMap<String, BigDecimal> amounts() {
        return amounts;
    }

    public SortedMap<Long, Long> histogram() {
        return histogram;
    }

    public boolean isZero() {
        return counts.isEmpty() && amounts.isEmpty() && histogram.isEmpty();
    }

    public Tally plus(Tally other) {
        return of(merge(counts, other.counts, Math::addExact), merge(amounts, other.amounts, BigDecimal::add),
                merge(histogram, other.histogram, Math::addExact));
    }

    public Tally negate() {
        SortedMap<String, Long> c = new TreeMap<>();
        counts.forEach((name, n) -> c.put(name, Math.negateExact(n)));
        SortedMap<String, BigDecimal> a = new TreeMap<>();
        amounts.forEach((name, amount) -> a.put(name, amount.negate()));
        SortedMap<Long, Long> h = new TreeMap<>();
        histogram.forEach((bucket, n) -> h.put(bucket, Math.negateExact(n)));
        return new Tally(c, a, h);
    }

    private static <K, V> Map<K, V> merge(Map<K, V> left, Map<K, V> right, BinaryOperator<V> add) {
        Map<K, V> merged = new TreeMap<>(left);
        right.forEach((key, value) -> merged.merge(key, value, add));
        return merged;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tally t && counts.equals(t.counts) && amounts.equals(t.amounts) && histogram.equals(t.histogram);
    }

    @Override
    public int hashCode() {
        return Objects.hash(counts, amounts, histogram);
    }

    @Override
    public String toString() {
        return "Tally" + counts + amounts + histogram;
    }
}
