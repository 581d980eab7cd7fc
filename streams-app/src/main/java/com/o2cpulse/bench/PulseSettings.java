package com.o2cpulse.bench;

import com.o2cpulse.config.Setting;
import com.o2cpulse.config.Settings;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** o2c-pulse's settings for one bench run: its own application id, topic prefix and data directory, no HTTP port. */
final class PulseSettings {

    private PulseSettings() {
    }

    static Settings of(String bootstrap, String registryUrl, String applicationId, String topicPrefix, int partitions,
                       Path dataDir, String guarantee, int streamThreads) {
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        options.put(Setting.BOOTSTRAP_SERVERS, bootstrap);
        options.put(Setting.SCHEMA_REGISTRY_URL, registryUrl);
        options.put(Setting.APPLICATION_ID, applicationId);
        options.put(Setting.TOPIC_PREFIX, topicPrefix);
        options.put(Setting.CREATE_TOPICS, "true");
        options.put(Setting.TOPIC_PARTITIONS, Integer.toString(partitions));
        options.put(Setting.HTTP_PORT, "0");
        options.put(Setting.DATA_DIR, dataDir.toString());
        options.put(Setting.PROCESSING_GUARANTEE, guarantee);
        // O2C_* and KAFKA_* variables tune the contestant as they tune a real instance (kpi.flush.interval, ...).
        return Settings.load(null, System.getenv(), options, BenchKafkaSettings.streamsOverrides(streamThreads));
    }
}
