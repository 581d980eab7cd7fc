package com.o2cpulse.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recovery time per kind of fault, from the recovery log and the KPI arrival log: "KPIs moving" is the time from
 * the fault to the next KPI record a {@code read_committed} consumer received; "caught up" the time until the
 * application had processed and committed every input record produced up to the fault's recovery check.
 */
final class RecoveryReport {

    private RecoveryReport() {
    }

    static List<String> lines(RunFiles files) throws IOException {
        List<Long> arrivals = new ArrayList<>();
        if (Files.exists(files.kpiArrivals())) {
            for (String line : Files.readAllLines(files.kpiArrivals())) {
                if (!line.isBlank()) {
                    arrivals.add(Long.parseLong(line.split("\t")[0]));
                }
            }
        }
        Collections.sort(arrivals);
        Map<String, List<Long>> moving = new TreeMap<>();
        Map<String, List<Long>> caughtUp = new TreeMap<>();
        if (Files.exists(files.recovery())) {
            for (String line : Files.readAllLines(files.recovery())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                String kind = f[0];
                if (kind.equals("warm-up")) {
                    continue;
                }
                long faultAt = Long.parseLong(f[2]);
                long recoveredAt = Long.parseLong(f[3]);
                caughtUp.computeIfAbsent(kind, k -> new ArrayList<>()).add(recoveredAt - faultAt);
                int next = Collections.binarySearch(arrivals, faultAt + 1);
                int index = next >= 0 ? next : -next - 1;
                if (index < arrivals.size()) {
                    moving.computeIfAbsent(kind, k -> new ArrayList<>()).add(arrivals.get(index) - faultAt);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        caughtUp.forEach((kind, times) -> lines.add(String.format(
                "chaos: recovery %-16s n=%d  KPIs moving: median %s max %s  caught up: median %s max %s",
                kind, times.size(), seconds(median(moving.get(kind))), seconds(max(moving.get(kind))),
                seconds(median(times)), seconds(max(times)))));
        return lines;
    }

    private static Long median(List<Long> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static Long max(List<Long> values) {
        return values == null || values.isEmpty() ? null : Collections.max(values);
    }

    private static String seconds(Long millis) {
        return millis == null ? "n/a" : String.format("%.1fs", millis / 1000.0);
    }
}
