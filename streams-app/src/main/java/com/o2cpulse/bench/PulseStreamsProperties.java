package com.o2cpulse.bench;

import com.o2cpulse.config.Settings;
import com.o2cpulse.config.StreamsProperties;
import com.o2cpulse.serde.SchemaRegistryAvailability;
import com.o2cpulse.topology.PipelineMetrics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams properties o2c-pulse runs with ({@link StreamsProperties#forApplication}, without an HTTP API), for
 * the restore measurement, which builds its own KafkaStreams because a restore listener must be set before start.
 */
final class PulseStreamsProperties {

    private PulseStreamsProperties() {
    }

    static Properties of(Settings settings, String bootstrap) {
        return StreamsProperties.forApplication(settings, bootstrap, null, PipelineMetrics.NONE, new SchemaRegistryAvailability());
    }

    /** The commit interval these properties give: the Streams default for the guarantee unless overridden. */
    static long commitIntervalMillis(Settings settings, String bootstrap) {
        return new StreamsConfig(of(settings, bootstrap)).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    }
}
