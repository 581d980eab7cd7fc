package com.o2cpulse.serde;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Confluent-compatible Avro serde of generated specific records: magic byte 0, the 4-byte big-endian schema id,
 * then the Avro binary encoding; subjects by {@link TopicNameStrategy}. Null records are null bytes (tombstones).
 * Thread-safe, so one instance can serve every stream thread.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /** A serde of {@code type}; records written with an older or newer schema are resolved into it. */
    public static <T extends SpecificRecord> AvroSerde<T> forClass(Class<T> type, SchemaRegistryClient registry,
            boolean isKey) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(registry, "registry");
        AvroClassTrust.trustProjectClasses();
        AvroClassTrust.trustPackage(type.getPackageName());
        SpecificData model = LogicalTypesSpecificData.create(type.getClassLoader());
        Schema readerSchema = model.getSchema(type);
        return new AvroSerde<>(new AvroSerializer<>(registry, isKey, model),
                new AvroDeserializer<>(registry, model, writerSchema -> readerSchema));
    }

    /**
     * A serde of any generated record, for topics that carry several record types: each payload is read into the
     * class its writer schema names, which must be on the classpath and in a trusted package.
     */
    public static AvroSerde<SpecificRecord> anyRecord(SchemaRegistryClient registry, boolean isKey) {
        Objects.requireNonNull(registry, "registry");
        AvroClassTrust.trustProjectClasses();
        SpecificData model = LogicalTypesSpecificData.create(AvroSerde.class.getClassLoader());
        return new AvroSerde<>(new AvroSerializer<>(registry, isKey, model),
                new AvroDeserializer<>(registry, model, writerSchema -> generatedClassSchema(model, writerSchema)));
    }

    private static Schema generatedClassSchema(SpecificData model, Schema writerSchema) {
        Class<?> type = model.getClass(writerSchema);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("no generated SpecificRecord class " + writerSchema.getFullName()
                    + " on the classpath");
        }
        return model.getSchema(type);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
