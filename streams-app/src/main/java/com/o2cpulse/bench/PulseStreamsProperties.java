package com.o2cpulse.bench;

import com.o2cpulse.config.Settings;
import com.o2cpulse.config.StreamsProperties;
import com.o2cpulse.ops.BoundedRocksDbMemory;
import com.o2cpulse.serde.SchemaRegistryAvailability;
import com.o2cpulse.topology.PipelineMetrics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams properties o2c-pulse runs with, rebuilt here because {@code O2cPulse} starts its KafkaStreams at once
 * and a restore listener must be set before start. Mirrors {@code O2cPulse.streamsProperties} minus the HTTP
 * API's application.server; keep the two in step.
 */
final class PulseStreamsProperties {

    private PulseStreamsProperties() {
    }

    static Properties of(Settings settings, String bootstrap) {
        Properties props = StreamsProperties.base(settings.applicationId(), bootstrap, settings.topics());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(settings.rocksDbMemoryBytes()));
        props.put(PipelineMetrics.CONFIG_KEY, PipelineMetrics.NONE);
        props.put(SchemaRegistryAvailability.CONFIG_KEY, new SchemaRegistryAvailability());
        props.putAll(settings.kafkaOverrides());
        return props;
    }

    /** The commit interval these properties give: the Streams default for the guarantee unless overridden. */
    static long commitIntervalMillis(Settings settings, String bootstrap) {
        return new StreamsConfig(of(settings, bootstrap)).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    }
}
