package com.o2cpulse.bench;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantiles of a histogram in Prometheus text format, as far as its buckets tell: the upper bound of the first
 * bucket holding the quantile (what {@code histogram_quantile} would interpolate within). Bucket series that
 * differ in other labels are summed.
 */
final class PrometheusHistogram {

    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private final TreeMap<Double, Double> cumulative;

    private PrometheusHistogram(TreeMap<Double, Double> cumulative) {
        this.cumulative = cumulative;
    }

    static PrometheusHistogram parse(String text, String name) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        String prefix = name + "_bucket{";
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            int close = line.lastIndexOf('}');
            Matcher le = LE.matcher(line.substring(0, Math.max(close, 0)));
            if (close < 0 || !le.find()) {
                continue;
            }
            double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
            double count = Double.parseDouble(line.substring(close + 1).trim().split(" ")[0]);
            cumulative.merge(bound, count, Double::sum);
        }
        return new PrometheusHistogram(cumulative);
    }

    long count() {
        return cumulative.isEmpty() ? 0 : Math.round(cumulative.lastEntry().getValue());
    }

    /** The smallest bucket bound with at least {@code q} of the observations at or below it; empty with none. */
    Optional<Double> upperBound(double q) {
        long count = count();
        if (count == 0) {
            return Optional.empty();
        }
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= q * count) {
                return Optional.of(bucket.getKey());
            }
        }
        return Optional.of(Double.POSITIVE_INFINITY);
    }
}
