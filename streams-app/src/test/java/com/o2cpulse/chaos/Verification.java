package com.o2cpulse.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.oracle.OracleDiff;
import com.o2cpulse.oracle.ReplayJson;
import com.o2cpulse.replay.Replay;
import com.o2cpulse.replay.ReplayResult;
import com.o2cpulse.serde.AvroJson;
import com.o2cpulse.replayfile.EventJson;
import com.o2cpulse.topology.TopologySettings;
import com.o2cpulse.topology.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The end of a chaos run: the truth is the replay of every acknowledged event through the production topology
 * (which the property test proves equal to the independent batch oracle); the KPI and order-status topics, read
 * {@code read_committed} to their high watermarks, must equal it key by key; no partition of any application topic
 * may keep a transaction open; the dead-letter topic must hold exactly the injected poison records.
 */
final class Verification {

    record Outcome(long events, List<String> mismatches, long deadLetters, long expectedDeadLetters,
                   boolean deadLettersExact, List<String> hanging, List<String> notes) {
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final ClusterProbe probe;
    private final String bootstrapServers;
    private final Topics topics;
    private final TopologySettings settings;
    private final Deserializer<SpecificRecord> values;
    private final RunFiles files;

    Verification(ClusterProbe probe, String bootstrapServers, TopologySettings settings, Deserializer<SpecificRecord> values,
            RunFiles files) {
        this.probe = probe;
        this.bootstrapServers = bootstrapServers;
        this.topics = settings.topics();
        this.settings = settings;
        this.values = values;
        this.files = files;
    }

    Outcome verify(Duration timeout) throws IOException, InterruptedException {
        List<String> notes = new ArrayList<>();
        List<SpecificRecordBase> events = recordedEvents();
        long unacknowledged = Files.lines(files.unacknowledged()).count();
        if (unacknowledged > 0) {
            notes.add(unacknowledged + " events were not acknowledged: their fate is unknown");
        }
        ReplayResult truth = new Replay(settings).run(events, e -> Events.eventId(e).getBytes(StandardCharsets.UTF_8));
        Map<String, Map<String, ObjectNode>> expected = ReplayJson.finalValues(truth);

        TreeSet<String> hanging = new TreeSet<>();
        List<String> applicationTopics = probe.allApplicationTopics();
        List<String> open = new ArrayList<>();
        boolean settled = ClusterProbe.await(timeout, () -> {
            open.clear();
            open.addAll(probe.openTransactions(applicationTopics));
            return open.isEmpty();
        });
        if (!settled) {
            hanging.addAll(open);
            notes.add("unfinished transactions at the coordinators: " + probe.unfinishedTransactions());
        }

        List<String> outputTopics = new ArrayList<>();
        for (KpiFamily family : KpiFamily.values()) {
            outputTopics.add(topics.kpi(family));
        }
        outputTopics.add(topics.orderStatus());
        Map<String, Map<String, ObjectNode>> actual = new TreeMap<>();
        outputTopics.forEach(t -> actual.put(t, new TreeMap<>()));
        try (KafkaConsumer<String, SpecificRecord> consumer = consumer(new StringDeserializer(), values)) {
            hanging.addAll(readToHighWatermark(consumer, outputTopics, record -> {
                Map<String, ObjectNode> byKey = actual.get(record.topic());
                if (record.value() == null) {
                    byKey.remove(record.key());
                } else {
                    byKey.put(record.key(), AvroJson.toJson(record.value()));
                }
            }, timeout));
        }
        List<String> mismatches = OracleDiff.diff(expected, actual);

        List<String> deadLetterOrigins = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            hanging.addAll(readToHighWatermark(consumer, List.of(topics.deadLetters()),
                    record -> deadLetterOrigins.add(DeadLetterHeaders.origin(record)), timeout));
        }
        List<String> poisonOrigins = Files.readAllLines(files.poison()).stream().filter(l -> !l.isBlank())
                .map(l -> {
                    String[] f = l.split("\t");
                    return f[1] + "-" + f[2] + "@" + f[3];
                }).sorted().toList();
        List<String> sortedOrigins = deadLetterOrigins.stream().sorted().toList();
        long expectedDeadLetters = poisonOrigins.size() + truth.deadLetters();
        boolean exact = truth.deadLetters() == 0 ? sortedOrigins.equals(poisonOrigins) : deadLetterOrigins.size() == expectedDeadLetters;
        if (!exact) {
            List<String> extra = new ArrayList<>(sortedOrigins);
            poisonOrigins.forEach(extra::remove);
            List<String> missing = new ArrayList<>(poisonOrigins);
            sortedOrigins.forEach(missing::remove);
            notes.add("dead letters not injected (or duplicated): " + head(extra) + "; injected but not dead-lettered: " + head(missing));
        }
        return new Outcome(events.size(), mismatches, deadLetterOrigins.size(), expectedDeadLetters, exact,
                new ArrayList<>(hanging), notes);
    }

    private List<SpecificRecordBase> recordedEvents() throws IOException {
        EventJson json = new EventJson();
        List<SpecificRecordBase> events = new ArrayList<>();
        for (String line : Files.readAllLines(files.events())) {
            if (!line.isBlank()) {
                events.add((SpecificRecordBase) json.parse(line));
            }
        }
        return events;
    }

    /**
     * Reads the topics from the beginning until the position of every partition reaches its high watermark; a
     * partition whose position stops moving below it for {@code timeout} holds a transaction that neither commits
     * nor aborts. Returns those. (A large run takes longer than the timeout to read, so only a stall counts.)
     */
    private <K, V> List<String> readToHighWatermark(KafkaConsumer<K, V> consumer, Collection<String> topicNames,
            Consumer<ConsumerRecord<K, V>> sink, Duration timeout) {
        List<TopicPartition> partitions = probe.partitions(topicNames);
        Map<TopicPartition, Long> high = probe.endOffsets(partitions, IsolationLevel.READ_UNCOMMITTED);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> previouslyBehind = List.of();
        while (true) {
            List<String> behind = new ArrayList<>();
            for (TopicPartition p : partitions) {
                long position = consumer.position(p, timeout);
                if (position < high.get(p)) {
                    behind.add(p + " read_committed position " + position + " < end " + high.get(p));
                }
            }
            if (behind.isEmpty()) {
                return List.of();
            }
            if (!behind.equals(previouslyBehind)) {
                deadline = System.nanoTime() + timeout.toNanos();
                previouslyBehind = behind;
            } else if (System.nanoTime() - deadline > 0) {
                return behind;
            }
            consumer.poll(POLL).forEach(sink);
        }
    }

    private <K, V> KafkaConsumer<K, V> consumer(Deserializer<K> keys, Deserializer<V> valueDeserializer) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), keys, valueDeserializer);
    }

    private static String head(List<String> items) {
        return items.size() <= 10 ? items.toString() : items.subList(0, 10) + " and " + (items.size() - 10) + " more";
    }
}
