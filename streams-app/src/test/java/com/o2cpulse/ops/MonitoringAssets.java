package com.o2cpulse.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The alert rules and the Grafana dashboard shipped in deploy/, and the metric names their queries read. */
public final class MonitoringAssets {

    public static final Path RULES = Path.of("..", "deploy", "prometheus", "o2c-pulse-rules.yml");
    public static final Path RULE_TESTS = Path.of("..", "deploy", "prometheus", "o2c-pulse-rules.test.yml");
    public static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "o2c-pulse-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:o2c|kafka|process|jvm)_[a-z0-9_]+)\\b");

    private MonitoringAssets() {
    }

    /** Every metric name the rules and the dashboard query, with the given prefix ({@code o2c_}, {@code kafka_}...). */
    public static Set<String> metricsRead(String prefix) {
        Set<String> names = new TreeSet<>();
        for (Path asset : new Path[] {RULES, DASHBOARD}) {
            Matcher matcher = METRIC.matcher(read(asset));
            while (matcher.find()) {
                if (matcher.group(1).startsWith(prefix)) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
