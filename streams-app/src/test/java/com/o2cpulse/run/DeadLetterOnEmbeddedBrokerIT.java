package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.chaos.DeadLetterHeaders;
import com.o2cpulse.embedded.KafkaBrokerExtension;
import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.events.ShipmentLine;
import com.o2cpulse.serde.AvroClassTrust;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the application cannot use go to the dead-letter topic with their origin and the reason, and the stream
 * goes on around them.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DeadLetterOnEmbeddedBrokerIT {

    private static final int ORDERS = 150;
    private static final int UNKNOWN_SCHEMA_ID = 99999;

    @Test
    void poisonPillsLandInTheDeadLetterTopicWithOriginAndReasonWhileEverythingElseIsProcessed(TestKafka kafka,
            @TempDir Path dir) {
        Random random = new Random(3);
        List<SpecificRecord> events = PulseUnderTest.simulatedStream(3, ORDERS);
        try (PulseUnderTest pulse = PulseUnderTest.create(kafka, dir, "poison")) {
            pulse.start();
            pulse.produce(events.subList(0, events.size() / 2));

            List<Pill> pills = new ArrayList<>();
            byte[] garbage = randomBytes(random, 40);
            garbage[0] = (byte) (1 + random.nextInt(255));
            pills.add(new Pill(pulse.produceBytes(pulse.topics().inputs().get(0), garbage), garbage,
                    "unknown magic byte " + Byte.toUnsignedInt(garbage[0])));

            byte[] unknownSchema = ByteBuffer.allocate(5 + 16).put((byte) 0).putInt(UNKNOWN_SCHEMA_ID)
                    .put(randomBytes(random, 16)).array();
            pills.add(new Pill(pulse.produceBytes(pulse.topics().inputs().get(1), unknownSchema), unknownSchema,
                    "schema id " + UNKNOWN_SCHEMA_ID + " not found"));

            ShipmentEvent negative = negativeQuantityShipment(events);
            pills.add(new Pill(pulse.produceInvalid(negative), pulse.serialize(negative), "negative quantity -3"));

            pulse.produce(events.subList(events.size() / 2, events.size()));

            pulse.awaitKpisEqualTheOracle();
            pulse.awaitOrderStatusOfEveryKnownOrder();
            pulse.awaitAllInputCommitted();
            List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.readAllCommitted(pulse.topics().deadLetters(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());

            assertThat(deadLetters).extracting(DeadLetterHeaders::origin)
                    .containsExactlyInAnyOrderElementsOf(pills.stream().map(Pill::origin).toList());
            for (Pill pill : pills) {
                ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.stream()
                        .filter(record -> DeadLetterHeaders.origin(record).equals(pill.origin())).findFirst().orElseThrow();
                assertThat(deadLetter.value()).as("dead letter of %s", pill.origin()).isEqualTo(pill.value());
                assertThat(DeadLetterHeaders.header(deadLetter, "__streams.errors.message")).as("reason for %s", pill.origin())
                        .contains(pill.reason());
                assertThat(DeadLetterHeaders.header(deadLetter, "__streams.errors.exception")).isNotBlank();
            }
            assertThat(pulse.kpiDifferences()).isEmpty();
        }
    }

    @Test
    void anEventDatedAheadOfTheBrokerClockIsProcessedLikeAnyOther(TestKafka kafka, @TempDir Path dir) {
        List<SpecificRecord> events = new ArrayList<>(PulseUnderTest.simulatedStream(5, 40));
        events.add(events.size() / 2, anotherShipmentLike(events, "future-")
                .setEventTime(Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS))
                .build());
        try (PulseUnderTest pulse = PulseUnderTest.create(kafka, dir, "future")) {
            pulse.start();
            pulse.produce(events);

            pulse.awaitKpisEqualTheOracle();
            pulse.awaitAllInputCommitted();

            assertThat(kafka.readAllCommitted(pulse.topics().deadLetters(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())).isEmpty();
        }
    }

    /** A shipment of a real order, through the real serde, whose first line ships -3 units. */
    private static ShipmentEvent negativeQuantityShipment(List<SpecificRecord> events) {
        ShipmentEvent.Builder shipment = anotherShipmentLike(events, "poison-");
        List<ShipmentLine> lines = new ArrayList<>(shipment.getLines());
        lines.set(0, ShipmentLine.newBuilder(lines.get(0)).setQuantity(-3).build());
        return shipment.setLines(lines).build();
    }

    /** A copy of the first shipment in the events under new event and shipment ids. */
    private static ShipmentEvent.Builder anotherShipmentLike(List<SpecificRecord> events, String idPrefix) {
        AvroClassTrust.trustProjectClasses();
        ShipmentEvent template = events.stream().filter(ShipmentEvent.class::isInstance).map(ShipmentEvent.class::cast)
                .findFirst().orElseThrow();
        return ShipmentEvent.newBuilder(template).setEventId(idPrefix + template.getEventId())
                .setShipmentId(idPrefix + template.getShipmentId());
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A record produced to an input topic that must be dead-lettered, and part of the reason it must give. */
    private record Pill(RecordMetadata produced, byte[] value, String reason) {
        String origin() {
            return produced.topic() + "-" + produced.partition() + "@" + produced.offset();
        }
    }
}
