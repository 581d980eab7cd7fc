package com.o2cpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;

/**
 * Client-side helpers for integration tests against a running broker: topics, producing, and reading what
 * consumers with {@code read_committed} see. Every wait is on a condition with a deadline, never a sleep.
 */
public final class TestKafka implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Admin admin;

    private TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public static TestKafka connectedTo(String bootstrapServers) {
        return new TestKafka(bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A shared Admin client; do not close it. */
    public Admin admin() {
        return admin;
    }

    public void createTopics(NewTopic... topics) {
        try {
            admin.createTopics(Arrays.asList(topics)).all().get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics " + Arrays.toString(topics), e);
        }
    }

    /** Creates topics with the given number of partitions each and a replication factor of 1. */
    public void createTopics(int partitions, String... names) {
        createTopics(Arrays.stream(names).map(name -> new NewTopic(name, partitions, (short) 1)).toArray(NewTopic[]::new));
    }

    /** Produces the records with an idempotent producer; fails unless all are acknowledged within the timeout. */
    public <K, V> void produce(String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                               List<KeyValue<K, V>> records) {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        KafkaProducer<K, V> producer = new KafkaProducer<>(producerConfig(), keySerializer, valueSerializer);
        try {
            List<Future<RecordMetadata>> acks = records.stream()
                    .map(record -> producer.send(new ProducerRecord<>(topic, record.key, record.value)))
                    .toList();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("records to " + topic + " not acknowledged within " + DEFAULT_TIMEOUT, e);
        } finally {
            // Bounded: a producer that cannot reach the broker would otherwise wait forever on close.
            producer.close(Duration.ofSeconds(5));
        }
    }

    @SafeVarargs
    public final void produceStrings(String topic, KeyValue<String, String>... records) {
        produce(topic, new StringSerializer(), new StringSerializer(), List.of(records));
    }

    /** Client settings every test client needs: where the broker is. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    /**
     * Everything a {@code read_committed} consumer sees in the topic now: reads every partition from the
     * beginning until its end offset (the last stable offset) as it stood when reading began.
     */
    public <K, V> List<ConsumerRecord<K, V>> readAllCommitted(String topic, Deserializer<K> keyDeserializer,
                                                             Deserializer<V> valueDeserializer) {
        return readAll(topic, keyDeserializer, valueDeserializer, IsolationLevel.READ_COMMITTED);
    }

    public List<ConsumerRecord<String, String>> readAllCommittedStrings(String topic) {
        return readAllCommitted(topic, new StringDeserializer(), new StringDeserializer());
    }

    /** As {@link #readAllCommitted}, but also sees records of aborted and still open transactions. */
    public <K, V> List<ConsumerRecord<K, V>> readAllUncommitted(String topic, Deserializer<K> keyDeserializer,
                                                               Deserializer<V> valueDeserializer) {
        return readAll(topic, keyDeserializer, valueDeserializer, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * Reads the topic {@code read_committed} from the beginning, as records arrive, until what was read so far
     * satisfies the condition; fails with what it saw if that does not happen within the timeout.
     */
    public <K, V> List<ConsumerRecord<K, V>> awaitCommitted(String topic, Deserializer<K> keyDeserializer,
                                                           Deserializer<V> valueDeserializer,
                                                           Predicate<List<ConsumerRecord<K, V>>> condition,
                                                           Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<K, V> consumer = consumer(IsolationLevel.READ_COMMITTED, keyDeserializer, valueDeserializer)) {
            assignFromBeginning(consumer, topic);
            List<ConsumerRecord<K, V>> seen = new ArrayList<>();
            while (!condition.test(seen)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("condition not met within " + timeout + " on topic " + topic
                            + "; read " + seen.size() + " records: " + describe(seen));
                }
                consumer.poll(POLL).forEach(seen::add);
            }
            return seen;
        }
    }

    /** The last value per key, in order of first appearance: what a compacted topic converges to. */
    public static <K, V> Map<K, V> latestValuePerKey(Collection<ConsumerRecord<K, V>> records) {
        Map<K, V> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }

    public static <K, V> List<V> values(Collection<ConsumerRecord<K, V>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keyDeserializer,
                                                     Deserializer<V> valueDeserializer, IsolationLevel isolation) {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        try (KafkaConsumer<K, V> consumer = consumer(isolation, keyDeserializer, valueDeserializer)) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic);
            // Under read_committed the end offset is the last stable offset: open transactions are not waited for.
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, DEFAULT_TIMEOUT);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            while (!reachedEndOffsets(consumer, endOffsets)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("did not reach end offsets " + endOffsets + " of " + topic
                            + " within " + DEFAULT_TIMEOUT + "; read " + records.size() + " records");
                }
                consumer.poll(POLL).forEach(records::add);
            }
            return records;
        }
    }

    private static boolean reachedEndOffsets(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey(), DEFAULT_TIMEOUT) >= end.getValue());
    }

    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, DEFAULT_TIMEOUT);
        assertThat(infos).as("partitions of topic %s", topic).isNotEmpty();
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private <K, V> KafkaConsumer<K, V> consumer(IsolationLevel isolation, Deserializer<K> keyDeserializer,
                                               Deserializer<V> valueDeserializer) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, keyDeserializer, valueDeserializer);
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0);
    }

    private static String describe(List<? extends ConsumerRecord<?, ?>> records) {
        return records.stream().map(r -> r.key() + "=" + r.value()).toList().toString();
    }
}
