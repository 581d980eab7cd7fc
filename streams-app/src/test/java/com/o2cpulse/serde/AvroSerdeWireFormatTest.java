package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.schema.kpi.OrderStatus;
import com.o2cpulse.schema.kpi.ReconciliationKpi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeWireFormatTest {

    private static final String TOPIC = "o2c.order-status";

    @Test
    void payloadIsMagicByteThenBigEndianSchemaIdThenPlainAvroBinary() throws IOException {
        OrderStatus status = SampleRecords.orderStatus();
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, new FixedIdRegistry(258), false);

        byte[] payload = serde.serializer().serialize(TOPIC, status);

        assertThat(payload[0]).isEqualTo((byte) 0);
        assertThat(Arrays.copyOfRange(payload, 1, 5)).containsExactly(0x00, 0x00, 0x01, 0x02);
        assertThat(Arrays.copyOfRange(payload, 5, payload.length)).isEqualTo(plainAvroBinary(status));
    }

    @Test
    void valueSerdeRegistersUnderTopicValueSubjectAndKeySerdeUnderTopicKey() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        ReconciliationKpi kpi = SampleRecords.reconciliationKpi();

        AvroSerde.forClass(ReconciliationKpi.class, registry, false).serializer().serialize("o2c.kpi", kpi);
        AvroSerde.forClass(ReconciliationKpi.class, registry, true).serializer().serialize("o2c.kpi", kpi);

        assertThat(registry.subjects()).containsExactly("o2c.kpi-key", "o2c.kpi-value");
        assertThat(registry.latest("o2c.kpi-value").orElseThrow().schema()).isEqualTo(ReconciliationKpi.SCHEMA$);
    }

    @Test
    void nullRecordIsNullBytesAndNullBytesAreNullRecord() {
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, new InMemorySchemaRegistry(), false);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void wrongMagicByteIsRejectedNamingTheByte() {
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, new InMemorySchemaRegistry(), false);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {7, 0, 0, 0, 1, 2, 3}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown magic byte 7");
    }

    @Test
    void payloadShorterThanTheHeaderIsRejected() {
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, new InMemorySchemaRegistry(), false);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("payload of 3 bytes")
                .hasMessageContaining("too short");
    }

    @Test
    void unknownSchemaIdIsASerializationExceptionNamingTheId() {
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, new InMemorySchemaRegistry(), false);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 0, 0, 42, 2, 65}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 42 not found in registry")
                .hasCauseInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void truncatedPayloadIsASerializationException() {
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, new InMemorySchemaRegistry(), false);
        byte[] payload = serde.serializer().serialize(TOPIC, SampleRecords.orderStatus());

        byte[] truncated = Arrays.copyOf(payload, payload.length - 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot decode the Avro record with schema id 1");
    }

    @Test
    void bytesLeftAfterTheRecordAreASerializationException() {
        AvroSerde<ReconciliationKpi> serde =
                AvroSerde.forClass(ReconciliationKpi.class, new InMemorySchemaRegistry(), false);
        byte[] payload = serde.serializer().serialize(TOPIC, SampleRecords.reconciliationKpi());

        byte[] padded = Arrays.copyOf(payload, payload.length + 2);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, padded))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("followed by unexpected bytes");
    }

    @Test
    void randomBytesAfterAValidHeaderNeverEscapeAsAnotherException() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, registry, false);
        int id = registry.register(TOPIC + "-value", OrderStatus.SCHEMA$);
        Random random = new Random(20240301);

        int rejected = 0;
        for (int attempt = 0; attempt < 500; attempt++) {
            byte[] payload = new byte[5 + random.nextInt(64)];
            random.nextBytes(payload);
            payload[0] = 0;
            payload[1] = 0;
            payload[2] = 0;
            payload[3] = 0;
            payload[4] = (byte) id;
            try {
                serde.deserializer().deserialize(TOPIC, payload);
            } catch (SerializationException expected) {
                rejected++;
            }
        }

        assertThat(rejected).isGreaterThan(490);
    }

    @Test
    void registryUnavailableWhileReadingPropagatesUnwrappedSoCallersCanRetry() {
        SchemaRegistryUnavailableException down = new SchemaRegistryUnavailableException("registry down", null);
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, new FailingRegistry(down), false);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1, 2, 65}))
                .isSameAs(down);
    }

    @Test
    void registryUnavailableWhileWritingPropagatesUnwrapped() {
        SchemaRegistryUnavailableException down = new SchemaRegistryUnavailableException("registry down", null);
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, new FailingRegistry(down), false);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, SampleRecords.orderStatus())).isSameAs(down);
    }

    @Test
    void registryRefusingAccessPropagatesInsteadOfLookingLikeABadRecord() {
        SchemaRegistryException unauthorized = new SchemaRegistryException("HTTP 401 Unauthorized");
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, new FailingRegistry(unauthorized), false);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1, 2, 65}))
                .isSameAs(unauthorized);
    }

    @Test
    void recordThatCannotBeEncodedIsASerializationException() {
        OrderStatus missingLines = SampleRecords.orderStatus();
        missingLines.setLines(null);
        AvroSerde<OrderStatus> serde = AvroSerde.forClass(OrderStatus.class, new InMemorySchemaRegistry(), false);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, missingLines))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot encode com.o2cpulse.schema.kpi.OrderStatus for topic " + TOPIC);
    }

    private static byte[] plainAvroBinary(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Answers every registration with one id, as a registry that already holds 257 schemas would. */
    private record FixedIdRegistry(int id) implements SchemaRegistryClient {

        @Override
        public int register(String subject, Schema schema) {
            return id;
        }

        @Override
        public Schema schemaById(int schemaId) {
            throw new SchemaNotFoundException("schema id " + schemaId + " not found");
        }
    }

    /** Fails every call with the given exception. */
    private record FailingRegistry(RuntimeException failure) implements SchemaRegistryClient {

        @Override
        public int register(String subject, Schema schema) {
            throw failure;
        }

        @Override
        public Schema schemaById(int id) {
            throw failure;
        }
    }
}
