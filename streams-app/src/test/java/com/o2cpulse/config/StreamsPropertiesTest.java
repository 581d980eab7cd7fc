package com.o2cpulse.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.serde.SchemaRegistryAvailability;
import com.o2cpulse.topology.PipelineMetrics;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

    private static Properties forApplication(Map<String, String> env) {
        Settings settings = Settings.load(null, env, Map.of(), Map.of());
        return StreamsProperties.forApplication(settings, "localhost:9092", null, PipelineMetrics.NONE, new SchemaRegistryAvailability());
    }

    @Test
    void theProducerCompressesWithLz4UnlessTheUserSaysOtherwise() {
        assertThat(forApplication(Map.of())).containsEntry("producer.compression.type", "lz4");
        assertThat(forApplication(Map.of("KAFKA_PRODUCER_COMPRESSION_TYPE", "none"))).containsEntry("producer.compression.type", "none");
    }

    @Test
    void theStateCacheHoldsACommitIntervalOfChangesUnlessTheUserSaysOtherwise() {
        assertThat(forApplication(Map.of())).containsEntry("statestore.cache.max.bytes", 64L * 1024 * 1024);
        assertThat(forApplication(Map.of("O2C_STATE_CACHE_MB", "16"))).containsEntry("statestore.cache.max.bytes", 16L * 1024 * 1024);
        assertThat(forApplication(Map.of("KAFKA_STATESTORE_CACHE_MAX_BYTES", "1000"))).containsEntry("statestore.cache.max.bytes", "1000");
    }

    @Test
    void aRestorePollsTenThousandRecordsAtATimeUnlessTheUserSaysOtherwise() {
        assertThat(forApplication(Map.of())).containsEntry("restore.consumer.max.poll.records", 10_000);
        assertThat(forApplication(Map.of("KAFKA_RESTORE_CONSUMER_MAX_POLL_RECORDS", "500")))
                .containsEntry("restore.consumer.max.poll.records", "500");
    }

    @Test
    void exactlyOnceIsTheDefaultGuarantee() {
        assertThat(forApplication(Map.of())).containsEntry("processing.guarantee", "exactly_once_v2");
        assertThat(forApplication(Map.of("O2C_PROCESSING_GUARANTEE", "at_least_once"))).containsEntry("processing.guarantee", "at_least_once");
    }
}
