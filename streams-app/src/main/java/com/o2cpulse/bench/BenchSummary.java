package com.o2cpulse.bench;

import java.util.Locale;
import java.util.Optional;

/** The one line that holds every figure of a bench run, for logs and comparisons across runs. */
record BenchSummary(long events, double copyRate, double streamsRate, double pulseRate, CpuPerEvent cpu, Optional<LatencySummary> latency,
                    long commitIntervalMillis, int streamThreads, double bytesPerInputByte, double stateBytesPerOrder, double changelogBytesPerOrder,
                    double restoreRate, double rawReadRate, long heapBytes, long rssBytes) {

    String line() {
        return "bench summary: events=" + events
                + " copy=" + rate(copyRate) + " streams=" + rate(streamsRate) + " pulse=" + rate(pulseRate)
                + " pulse/copy=" + ratio(pulseRate / copyRate) + " pulse/streams=" + ratio(pulseRate / streamsRate)
                + " cpu/event: copy=" + micros(cpu.copyNanos()) + " streams=" + micros(cpu.streamsNanos()) + " pulse=" + micros(cpu.pulseNanos())
                + " streams-cpu/pulse-cpu=" + ratio(cpu.streamsNanos() / cpu.pulseNanos())
                + " p50=" + latency.map(l -> LatencySummary.format(l.p50())).orElse("n/a")
                + " p99=" + latency.map(l -> LatencySummary.format(l.p99())).orElse("n/a")
                + " commit=" + commitIntervalMillis + "ms threads=" + streamThreads
                + " bytes/in=" + fixed(bytesPerInputByte, 2)
                + " state/order=" + whole(stateBytesPerOrder) + "B changelog/order=" + whole(changelogBytesPerOrder) + "B"
                + " restore=" + rate(restoreRate) + " raw=" + rate(rawReadRate) + " restore/raw=" + ratio(restoreRate / rawReadRate)
                + " heap=" + ProcessMemory.megabytes(heapBytes) + "MB rss=" + ProcessMemory.megabytes(rssBytes) + "MB";
    }

    /** CPU time of each contestant's own threads per input event, in nanoseconds ({@link ThreadCpu}). */
    record CpuPerEvent(double copyNanos, double streamsNanos, double pulseNanos) {
    }

    private static String micros(double nanos) {
        return Double.isFinite(nanos) ? fixed(nanos / 1000, 1) + "us" : "n/a";
    }

    private static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? whole(perSecond) + "/s" : "n/a";
    }

    static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, value < 0.1 ? "%.4f" : "%.3f", value) : "n/a";
    }

    private static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "n/a";
    }

    private static String whole(double value) {
        return Double.isFinite(value) ? Long.toString(Math.round(value)) : "n/a";
    }
}
