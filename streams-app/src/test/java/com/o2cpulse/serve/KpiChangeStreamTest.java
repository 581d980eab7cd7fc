package com.o2cpulse.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.schema.kpi.BacklogKpi;
import com.o2cpulse.schema.kpi.InvoiceLatencyKpi;
import com.o2cpulse.topology.Topics;
import com.o2cpulse.topology.TopologySettings;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The KPI change stream against a mock consumer: it decodes nothing while nobody listens, a client that comes later
 * gets the changes from its hello on, and the changes of one key within a polled batch are conflated to the latest.
 */
class KpiChangeStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Topics TOPICS = TopologySettings.DEFAULT.topics();
    private static final String BACKLOG = TOPICS.kpi(KpiFamily.BACKLOG);
    private static final String INVOICE_LATENCY = TOPICS.kpi(KpiFamily.INVOICE_LATENCY);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignallingMockConsumer consumer = new SignallingMockConsumer();
    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
    private final AtomicInteger decodes = new AtomicInteger();
    private KpiChangeStream stream;

    @BeforeEach
    void startStream() {
        for (KpiFamily family : KpiFamily.values()) {
            String topic = TOPICS.kpi(family);
            consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
            endOffsets.put(new TopicPartition(topic, 0), 0L);
        }
        consumer.updateEndOffsets(endOffsets);
        Deserializer<SpecificRecord> values = (topic, data) -> {
            decodes.incrementAndGet();
            return decode(topic, data);
        };
        stream = new KpiChangeStream(() -> consumer, TOPICS, values, "test:1", Duration.ofHours(1));
        stream.start();
        int partitions = KpiFamily.values().length;
        Await.until("the stream assigned its partitions", TIMEOUT, () -> consumer.assignment().size(),
                assigned -> assigned == partitions);
        awaitTwoMorePolls();
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void decodesNothingWhileNobodyListensAndALaterClientGetsTheChangesFromItsHelloOn() throws InterruptedException {
        publish(BACKLOG, "k1", "1");
        publish(INVOICE_LATENCY, "all=*|day=2026-11-21", "histogram");
        awaitTwoMorePolls();
        assertThat(decodes).as("decodes without a client").hasValue(0);
        assertThat(consumer.paused()).as("paused without a client").hasSize(KpiFamily.values().length);

        RecordingSink first = new RecordingSink();
        stream.subscribe(first, List::of);
        JsonNode hello = json(first.await(event -> event.name().equals("hello"), TIMEOUT));
        assertThat(hello.path("live").asBoolean()).isTrue();
        assertThat(consumer.paused()).isEmpty();

        publish(BACKLOG, "k1", "2");
        List<SseListener.Event> skipped = new ArrayList<>();
        JsonNode change = kpi(first.await(event -> event.name().equals("kpi"), TIMEOUT, skipped));
        assertThat(skipped).isEmpty();
        assertThat(change.path("kpi").asText()).isEqualTo("backlog");
        assertThat(change.path("key").asText()).isEqualTo("k1");
        assertThat(change.path("value").path("openOrders").asLong()).as("the change after hello, not the one before").isEqualTo(2);
        assertThat(decodes).hasValue(1);

        first.disconnect();
        assertThat(stream.subscribers()).isZero();
        publish(BACKLOG, "k1", "3");
        awaitTwoMorePolls();
        assertThat(decodes).as("decodes after the last client left").hasValue(1);
        awaitTwoMorePolls();
        assertThat(consumer.paused()).as("paused after the last client left").hasSize(KpiFamily.values().length);

        RecordingSink second = new RecordingSink();
        stream.subscribe(second, List::of);
        second.await(event -> event.name().equals("hello"), TIMEOUT);
        publish(BACKLOG, "k1", "4");
        skipped.clear();
        change = kpi(second.await(event -> event.name().equals("kpi"), TIMEOUT, skipped));
        assertThat(skipped).isEmpty();
        assertThat(change.path("value").path("openOrders").asLong()).isEqualTo(4);
        assertThat(decodes).hasValue(2);
    }

    @Test
    void sendsOnlyTheLatestChangeOfEachKeyOfABatch() throws InterruptedException {
        RecordingSink client = new RecordingSink();
        stream.subscribe(client, List::of);
        client.await(event -> event.name().equals("hello"), TIMEOUT);

        publishBatch(List.of(
                Map.entry("k1", "1"), Map.entry("k2", "1"), Map.entry("k1", "2"),
                Map.entry("k2", ""), Map.entry("k1", "3"), Map.entry("k3", "7")));
        publish(BACKLOG, "marker", "9");
        List<SseListener.Event> sent = new ArrayList<>();
        sent.add(client.await(event -> event.name().equals("kpi") && event.data().contains("\"marker\""), TIMEOUT, sent));

        List<String> changes = new ArrayList<>();
        for (SseListener.Event event : sent) {
            JsonNode change = kpi(event);
            JsonNode value = change.path("value");
            changes.add(change.path("key").asText() + "=" + (value.isNull() ? "null" : value.path("openOrders").asText()));
        }
        assertThat(changes).containsExactly("k2=null", "k1=3", "k3=7", "marker=9");
        assertThat(decodes).as("one decode per key sent, none for the tombstone").hasValue(3);
    }

    @Test
    void histogramBucketsAreSentInNumericOrder() throws InterruptedException {
        RecordingSink client = new RecordingSink();
        stream.subscribe(client, List::of);
        client.await(event -> event.name().equals("hello"), TIMEOUT);

        publish(INVOICE_LATENCY, "all=*|day=2026-11-21", "histogram");
        JsonNode histogram = kpi(client.await(event -> event.name().equals("kpi"), TIMEOUT)).path("value").path("histogram");
        List<String> buckets = new ArrayList<>();
        histogram.fieldNames().forEachRemaining(buckets::add);
        assertThat(buckets).containsExactly("5", "40", "100", "999", "1000", "20000", "123456789012345678901");
        assertThat(histogram.path("1000").asLong()).isEqualTo(4);
    }

    /** Two polls begun after this: the first saw what was published before, the second began after it was handled. */
    private void awaitTwoMorePolls() {
        long polls = consumer.polls();
        Await.until("two more polls", TIMEOUT, () -> {
            consumer.nudge();
            return consumer.polls();
        }, n -> n >= polls + 2);
    }

    private void publish(String topic, String key, String value) {
        synchronized (consumer) {
            append(topic, key, value);
        }
    }

    /** Backlog changes in one batch: the consumer's next poll returns all of them or none. */
    private void publishBatch(List<Map.Entry<String, String>> changes) {
        synchronized (consumer) {
            changes.forEach(change -> append(BACKLOG, change.getKey(), change.getValue()));
        }
    }

    /** An empty value is a tombstone. */
    private void append(String topic, String key, String value) {
        TopicPartition partition = new TopicPartition(topic, 0);
        long offset = endOffsets.get(partition);
        byte[] bytes = value.isEmpty() ? null : value.getBytes(StandardCharsets.UTF_8);
        consumer.addRecord(new ConsumerRecord<>(topic, 0, offset, key, bytes));
        endOffsets.put(partition, offset + 1);
        consumer.updateEndOffsets(Map.of(partition, offset + 1));
    }

    private static JsonNode kpi(SseListener.Event event) {
        assertThat(event.name()).isEqualTo("kpi");
        return json(event);
    }

    private static JsonNode json(SseListener.Event event) {
        try {
            return JSON.readTree(event.data());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Backlog values are their open-order count; the invoice-latency value is a fixed histogram. */
    private static SpecificRecord decode(String topic, byte[] data) {
        Instant at = Instant.parse("2026-11-21T12:00:00Z");
        LocalDate day = LocalDate.parse("2026-11-21");
        if (topic.equals(INVOICE_LATENCY)) {
            Map<String, Long> histogram = new HashMap<>();
            for (String bucket : List.of("1000", "5", "20000", "123456789012345678901", "100", "999", "40")) {
                histogram.put(bucket, (long) bucket.length());
            }
            return new InvoiceLatencyKpi("all", "*", day, 28L, 28L, 0L, 0L, 0L, 100L, 1000L, 20000L, histogram, at);
        }
        long openOrders = Long.parseLong(new String(data, StandardCharsets.UTF_8));
        return new BacklogKpi("all", "*", day, "USD", openOrders, openOrders, openOrders, new BigDecimal("1.00"), 0L, at);
    }
}
