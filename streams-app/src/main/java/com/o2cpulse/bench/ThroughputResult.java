package com.o2cpulse.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * What one contestant's throughput run measured.
 *
 * @param name            the contestant
 * @param steady          rate between 10 % and 90 % of the input processed; empty when the run was too short
 * @param untilCaughtUp   from its start until all input was processed
 * @param liveHeapBytes   heap still referenced at the end of the run, before it closed (whole JVM)
 * @param peakRssBytes    largest resident set size seen during the run (whole JVM)
 * @param bytesWritten    bytes in the topics it wrote (outputs, repartition and changelog topics)
 * @param inputBytes      bytes of the input topics
 * @param cpuNanosPerEvent CPU time of its own threads over the whole run, per input event ({@link ThreadCpu})
 */
record ThroughputResult(String name, Optional<SteadyRate> steady, Duration untilCaughtUp, long liveHeapBytes,
                        long peakRssBytes, long bytesWritten, long inputBytes, double cpuNanosPerEvent) {

    double eventsPerSecond() {
        return steady.map(SteadyRate::eventsPerSecond).orElse(Double.NaN);
    }

    double bytesPerInputByte() {
        return inputBytes == 0 ? Double.NaN : bytesWritten / (double) inputBytes;
    }
}
