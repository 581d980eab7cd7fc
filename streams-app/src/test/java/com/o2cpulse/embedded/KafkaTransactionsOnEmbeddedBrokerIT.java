package com.o2cpulse.embedded;

import static com.o2cpulse.embedded.TestKafka.latestValuePerKey;
import static com.o2cpulse.embedded.TestKafka.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's transactions on the embedded test broker, with a toy count-by-key application, not o2c-pulse: that the
 * broker the other tests run on supports what exactly-once needs (read_committed hides aborted records, an
 * exactly_once_v2 Streams application reaches RUNNING). o2c-pulse's own exactly-once under a crash is
 * {@code ApplicationKilledMidStreamIT}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaTransactionsOnEmbeddedBrokerIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransactionsOnEmbeddedBrokerIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void readCommittedConsumerSeesCommittedTransactionsButNotAbortedOnes(TestKafka kafka) {
        kafka.createTopics(2, "payments");

        try (KafkaProducer<String, String> producer = transactionalProducer(kafka, "payments-writer")) {
            producer.initTransactions();
            inTransaction(producer, "payments", "committed-1", "committed-2");
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("payments", "order-1", "aborted-1"));
            producer.flush();
            producer.abortTransaction();
            inTransaction(producer, "payments", "committed-3");
        }

        assertThat(values(kafka.readAllCommittedStrings("payments")))
                .containsExactlyInAnyOrder("committed-1", "committed-2", "committed-3");
        assertThat(values(kafka.readAllUncommitted("payments", new StringDeserializer(), new StringDeserializer())))
                .as("the aborted record did reach the log")
                .contains("aborted-1");
    }

    @Test
    void exactlyOnceStreamsAppReachesRunningAndItsCountsAreReadCommitted(TestKafka kafka, @TempDir Path stateDir)
            throws Exception {
        kafka.createTopics(2, "clicks", "click-counts");
        kafka.produceStrings("clicks", KeyValue.pair("home", "1"), KeyValue.pair("cart", "2"), KeyValue.pair("home", "3"));

        CompletableFuture<Void> running = new CompletableFuture<>();
        try (KafkaStreams streams = new KafkaStreams(countByKey("clicks", "click-counts"),
                exactlyOnceStreamsConfig(kafka, stateDir))) {
            streams.setStateListener((newState, oldState) -> {
                if (newState == KafkaStreams.State.RUNNING) {
                    running.complete(null);
                }
            });
            long startNanos = System.nanoTime();
            streams.start();
            running.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Kafka Streams reached RUNNING in {} ms",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));

            var counts = kafka.awaitCommitted("click-counts", new StringDeserializer(), new LongDeserializer(),
                    records -> latestValuePerKey(records).equals(Map.of("home", 2L, "cart", 1L)), TIMEOUT);

            assertThat(latestValuePerKey(counts)).containsOnly(Map.entry("home", 2L), Map.entry("cart", 1L));
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static Topology countByKey(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.with(Serdes.String(), Serdes.Long()))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private static Properties exactlyOnceStreamsConfig(TestKafka kafka, Path stateDir) {
        Properties config = kafka.clientProperties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "click-counter");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return config;
    }

    private static KafkaProducer<String, String> transactionalProducer(TestKafka kafka, String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new StringSerializer(), new StringSerializer());
    }

    private static void inTransaction(KafkaProducer<String, String> producer, String topic, String... values) {
        producer.beginTransaction();
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, "order-1", value));
        }
        producer.commitTransaction();
    }
}
