package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.embedded.KafkaBrokerExtension;
import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.serde.SchemaNotFoundException;
import com.o2cpulse.testing.FuzzedPayloads;
import com.o2cpulse.topology.O2cSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzed payloads through the running application: each is either processed (the KPIs equal the oracle of the
 * valid events, fuzzed ones that decode included) or in the dead-letter topic with a reason, and the stream thread
 * the application started with is still the one running.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FuzzedIngestOnEmbeddedBrokerIT {

    private static final long SEED = 41;
    private static final int ORDERS = 80;
    private static final int CASES = 300;

    @Test
    void everyFuzzedRecordIsProcessedOrDeadLetteredWithAReasonAndNoStreamThreadDies(TestKafka kafka, @TempDir Path dir) {
        List<SpecificRecord> events = PulseUnderTest.simulatedStream(SEED, ORDERS);
        try (PulseUnderTest pulse = PulseUnderTest.create(kafka, dir, "fuzz")) {
            O2cPulse app = pulse.start();
            pulse.produce(events);
            pulse.awaitKpisEqualTheOracle();
            List<String> threadsAtStart = threadNames(app);

            InMemorySchemaRegistry schemas = pulse.registeredSchemas();
            FuzzedPayloads payloads = new FuzzedPayloads(SEED, events, pulse::serialize, schemas, registeredIds(schemas));
            Map<EventStream, Deserializer<SpecificRecordBase>> deserializers = inputDeserializers(schemas);
            Map<String, String> expectedDeadLetters = new TreeMap<>();
            Map<String, Integer> outcomes = new TreeMap<>();
            Map<String, SpecificRecord> producedByEventId = new HashMap<>();
            events.forEach(event -> producedByEventId.putIfAbsent(eventKey(event), event));
            for (int i = 0; i < CASES; i++) {
                FuzzedPayloads.Case fuzzed = payloads.next();
                String topic = pulse.topics().input(fuzzed.stream());
                try {
                    SpecificRecordBase event = deserializers.get(fuzzed.stream()).deserialize(topic, fuzzed.payload());
                    SpecificRecord earlier = producedByEventId.putIfAbsent(eventKey(event), event);
                    if (earlier != null && !earlier.equals(event)) {
                        // A "redelivery" with other content: which one counts depends on arrival order, which
                        // the application (merging partitions by time) and the oracle (file order) see differently.
                        outcomes.merge("not sent: eventId reused with other content", 1, Integer::sum);
                        continue;
                    }
                    pulse.produceEncoded(event, fuzzed.payload());
                    outcomes.merge("processed", 1, Integer::sum);
                } catch (SerializationException e) {
                    RecordMetadata produced = pulse.produceBytes(topic, fuzzed.payload());
                    expectedDeadLetters.put(origin(produced.topic(), produced.partition(), produced.offset()), e.getMessage());
                    outcomes.merge("dead-lettered", 1, Integer::sum);
                }
            }
            System.out.println("fuzzed records through the application: " + outcomes);

            pulse.awaitKpisEqualTheOracle();
            pulse.awaitAllInputCommitted();
            List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.readAllCommitted(pulse.topics().deadLetters(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());

            Map<String, String> reasons = new TreeMap<>();
            deadLetters.forEach(record -> reasons.put(origin(header(record, "__streams.errors.topic"),
                    Integer.parseInt(header(record, "__streams.errors.partition")),
                    Long.parseLong(header(record, "__streams.errors.offset"))), header(record, "__streams.errors.message")));
            assertThat(deadLetters).hasSameSizeAs(expectedDeadLetters.keySet());
            assertThat(reasons).isEqualTo(expectedDeadLetters);
            assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(threadNames(app)).as("stream threads").isEqualTo(threadsAtStart);
            assertThat(pulse.kpiDifferences()).isEmpty();
        }
    }

    private static Map<EventStream, Deserializer<SpecificRecordBase>> inputDeserializers(InMemorySchemaRegistry schemas) {
        O2cSerdes serdes = new O2cSerdes(schemas);
        Map<EventStream, Deserializer<SpecificRecordBase>> deserializers = new EnumMap<>(EventStream.class);
        for (EventStream stream : EventStream.values()) {
            @SuppressWarnings("unchecked")
            Class<SpecificRecordBase> type = (Class<SpecificRecordBase>) stream.eventClass();
            deserializers.put(stream, serdes.inputEvent(type).deserializer());
        }
        return deserializers;
    }

    /** Every schema id registered so far: the application's own state and output schemas among them. */
    private static List<Integer> registeredIds(InMemorySchemaRegistry schemas) {
        List<Integer> ids = new ArrayList<>();
        for (int id = 1; ; id++) {
            try {
                schemas.schemaById(id);
                ids.add(id);
            } catch (SchemaNotFoundException e) {
                return ids;
            }
        }
    }

    private static String eventKey(SpecificRecord event) {
        return EventStream.of(event) + "/" + Events.eventId((SpecificRecordBase) event);
    }

    private static List<String> threadNames(O2cPulse app) {
        return app.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName).sorted().toList();
    }

    private static String origin(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
