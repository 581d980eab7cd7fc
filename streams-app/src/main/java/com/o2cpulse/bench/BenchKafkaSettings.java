package com.o2cpulse.bench;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka settings the bench adds to both Streams contestants so that its measurements hold. */
final class BenchKafkaSettings {

    /**
     * The same number of stream threads for both. And no purging: Streams deletes consumed repartition records every
     * 30 s, and with them whole segments, so the topic sizes that make "bytes written" would shrink during the run.
     * Purging is a background chore that costs the application next to nothing, so turning it off changes no
     * throughput figure.
     */
    static Map<String, String> streamsOverrides(int streamThreads) {
        return Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads),
                StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis()));
    }

    private BenchKafkaSettings() {
    }
}
