package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.schema.kpi.FillRateKpi;
import com.o2cpulse.schema.kpi.ReconciliationKpi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeSchemaEvolutionTest {

    private static final String TOPIC = "o2c.kpi.fill-rate";
    private static final Instant UPDATED_AT = Instant.parse("2024-03-01T10:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);

    /** FillRateKpi as it was before the three nullable rate fields were added. */
    private static final Schema FILL_RATE_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "FillRateKpi", "namespace": "com.o2cpulse.schema.kpi", "fields": [
              {"name": "scope", "type": "string"},
              {"name": "scopeValue", "type": "string"},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "linesShipped", "type": "long"},
              {"name": "linesFilled", "type": "long"},
              {"name": "unitsOrdered", "type": "long"},
              {"name": "unitsFilled", "type": "long"},
              {"name": "ordersShipped", "type": "long"},
              {"name": "ordersFilled", "type": "long"},
              {"name": "updatedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    /** ReconciliationKpi as a newer producer might write it, with a field this reader does not know. */
    private static final Schema RECONCILIATION_WITH_SEVERITY = new Schema.Parser().parse("""
            {"type": "record", "name": "ReconciliationKpi", "namespace": "com.o2cpulse.schema.kpi", "fields": [
              {"name": "type", "type": "string"},
              {"name": "severity", "type": "string", "default": "low"},
              {"name": "count", "type": "long"},
              {"name": "updatedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    /** ReconciliationKpi with count changed to a string: not readable as the current class. */
    private static final Schema RECONCILIATION_INCOMPATIBLE = new Schema.Parser().parse("""
            {"type": "record", "name": "ReconciliationKpi", "namespace": "com.o2cpulse.schema.kpi", "fields": [
              {"name": "type", "type": "string"},
              {"name": "count", "type": "string"},
              {"name": "updatedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void recordWrittenWithAnOlderNarrowerSchemaDecodesIntoTheCurrentClassWithDefaults() throws IOException {
        byte[] payload = payloadWrittenWith(FILL_RATE_V1, fillRateV1());

        FillRateKpi decoded = AvroSerde.forClass(FillRateKpi.class, registry, false).deserializer()
                .deserialize(TOPIC, payload);

        assertThat(decoded.getScope()).isEqualTo("channel");
        assertThat(decoded.getDay()).isEqualTo(DAY);
        assertThat(decoded.getLinesFilled()).isEqualTo(9);
        assertThat(decoded.getUpdatedAt()).isEqualTo(UPDATED_AT);
        assertThat(decoded.getLineFillRate()).isNull();
        assertThat(decoded.getUnitFillRate()).isNull();
        assertThat(decoded.getOrderFillRate()).isNull();
    }

    @Test
    void anyRecordSerdeAlsoResolvesAnOlderWriterSchemaIntoTheCurrentClass() throws IOException {
        byte[] payload = payloadWrittenWith(FILL_RATE_V1, fillRateV1());

        SpecificRecord decoded = AvroSerde.anyRecord(registry, false).deserializer().deserialize(TOPIC, payload);

        assertThat(decoded).isInstanceOfSatisfying(FillRateKpi.class,
                kpi -> assertThat(kpi.getOrdersFilled()).isEqualTo(3));
    }

    @Test
    void fieldUnknownToTheReaderIsSkipped() throws IOException {
        GenericRecord newer = new GenericData.Record(RECONCILIATION_WITH_SEVERITY);
        newer.put("type", "ORPHAN_EVENT");
        newer.put("severity", "high");
        newer.put("count", 4L);
        newer.put("updatedAt", UPDATED_AT.toEpochMilli());

        ReconciliationKpi decoded = AvroSerde.forClass(ReconciliationKpi.class, registry, false).deserializer()
                .deserialize(TOPIC, payloadWrittenWith(RECONCILIATION_WITH_SEVERITY, newer));

        assertThat(decoded).isEqualTo(ReconciliationKpi.newBuilder()
                .setType("ORPHAN_EVENT").setCount(4).setUpdatedAt(UPDATED_AT).build());
    }

    @Test
    void writerSchemaThatCannotBeResolvedIsASerializationException() throws IOException {
        GenericRecord incompatible = new GenericData.Record(RECONCILIATION_INCOMPATIBLE);
        incompatible.put("type", "ORPHAN_EVENT");
        incompatible.put("count", "four");
        incompatible.put("updatedAt", UPDATED_AT.toEpochMilli());
        byte[] payload = payloadWrittenWith(RECONCILIATION_INCOMPATIBLE, incompatible);

        assertThatThrownBy(() -> AvroSerde.forClass(ReconciliationKpi.class, registry, false).deserializer()
                .deserialize(TOPIC, payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id");
    }

    @Test
    void anyRecordRejectsAWriterSchemaWithoutAGeneratedClass() throws IOException {
        Schema unknown = new Schema.Parser().parse("""
                {"type": "record", "name": "Unknown", "namespace": "com.o2cpulse.nowhere",
                 "fields": [{"name": "x", "type": "long"}]}""");
        GenericRecord record = new GenericData.Record(unknown);
        record.put("x", 1L);
        byte[] payload = payloadWrittenWith(unknown, record);

        assertThatThrownBy(() -> AvroSerde.anyRecord(registry, false).deserializer().deserialize(TOPIC, payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no generated SpecificRecord class com.o2cpulse.nowhere.Unknown");
    }

    @Test
    void anyRecordRefusesToInstantiateAClassOutsideTheTrustedPackages() throws IOException {
        Schema file = new Schema.Parser().parse("""
                {"type": "record", "name": "File", "namespace": "java.io",
                 "fields": [{"name": "path", "type": "string"}]}""");
        GenericRecord record = new GenericData.Record(file);
        record.put("path", "/etc/passwd");
        byte[] payload = payloadWrittenWith(file, record);

        assertThatThrownBy(() -> AvroSerde.anyRecord(registry, false).deserializer().deserialize(TOPIC, payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.io.File")
                .hasRootCauseInstanceOf(SecurityException.class);
    }

    private static GenericRecord fillRateV1() {
        GenericRecord old = new GenericData.Record(FILL_RATE_V1);
        old.put("scope", "channel");
        old.put("scopeValue", "EDI");
        old.put("day", (int) DAY.toEpochDay());
        old.put("linesShipped", 10L);
        old.put("linesFilled", 9L);
        old.put("unitsOrdered", 100L);
        old.put("unitsFilled", 95L);
        old.put("ordersShipped", 4L);
        old.put("ordersFilled", 3L);
        old.put("updatedAt", UPDATED_AT.toEpochMilli());
        return old;
    }

    /** What a producer using {@code writerSchema} puts on the topic, having registered it under the topic subject. */
    private byte[] payloadWrittenWith(Schema writerSchema, GenericRecord record) throws IOException {
        int id = registry.register(TOPIC + "-value", writerSchema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writerSchema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
