package com.o2cpulse.config;

import com.o2cpulse.ops.BoundedRocksDbMemory;
import com.o2cpulse.serde.SchemaRegistryAvailability;
import com.o2cpulse.topology.DeadLetterDeserializationHandler;
import com.o2cpulse.topology.DeadLetterProcessingHandler;
import com.o2cpulse.topology.PipelineMetrics;
import com.o2cpulse.topology.RegistryOutageProductionHandler;
import com.o2cpulse.topology.Topics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams settings the application always runs with; user settings are applied on top. */
public final class StreamsProperties {

    public static final String DEFAULT_APPLICATION_ID = "o2c-pulse";
    static final int RESTORE_MAX_POLL_RECORDS = 10_000;

    private StreamsProperties() {
    }

    public static Properties base(String applicationId, String bootstrapServers, Topics topics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RegistryOutageProductionHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters());
        return props;
    }

    /**
     * Everything an o2c-pulse instance runs with: the base, its settings, and the user's Kafka settings last.
     *
     * @param applicationServer host:port of this instance's HTTP API for query routing, or null when it serves none
     */
    public static Properties forApplication(Settings settings, String bootstrapServers, String applicationServer,
                                            PipelineMetrics metrics, SchemaRegistryAvailability registryAvailability) {
        Properties props = base(settings.applicationId(), bootstrapServers, settings.topics());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        // About a quarter fewer bytes to the brokers (repartition, changelogs, outputs); KAFKA_PRODUCER_COMPRESSION_TYPE overrides.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(settings.rocksDbMemoryBytes()));
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, settings.stateCacheBytes());
        // A restore (and a standby) polls this many changelog records per round instead of 1,000: each round also
        // pauses, resumes and checkpoints every changelog (bench --orders 40000: 302-404k restored records/s
        // against 251-284k).
        props.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), RESTORE_MAX_POLL_RECORDS);
        props.put(PipelineMetrics.CONFIG_KEY, metrics);
        props.put(SchemaRegistryAvailability.CONFIG_KEY, registryAvailability);
        props.putAll(settings.kafkaOverrides());
        return props;
    }
}
