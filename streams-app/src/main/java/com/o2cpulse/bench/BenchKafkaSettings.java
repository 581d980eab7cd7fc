package com.o2cpulse.bench;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka settings the bench adds to both Streams contestants so that its measurements hold. */
final class BenchKafkaSettings {

    /**
     * Streams deletes consumed repartition records every 30 s, and with them whole segments: the topic sizes that
     * make "bytes written" would then shrink during the run. Purging is a background chore that costs the
     * application next to nothing, so turning it off changes no throughput figure.
     */
    static final Map<String, String> STREAMS_OVERRIDES = Map.of(
            StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis()));

    private BenchKafkaSettings() {
    }
}
