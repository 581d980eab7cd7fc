package com.o2cpulse.config;

import com.o2cpulse.topology.DeadLetterDeserializationHandler;
import com.o2cpulse.topology.DeadLetterProcessingHandler;
import com.o2cpulse.topology.RegistryOutageProductionHandler;
import com.o2cpulse.topology.Topics;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams settings the application always runs with; user settings are applied on top. */
public final class StreamsProperties {

    public static final String DEFAULT_APPLICATION_ID = "o2c-pulse";

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
        // Changelog, repartition and output records repeat ids, SKUs and field names: lz4 halves the bytes the
        // brokers write and replicate for little CPU.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return props;
    }
}
