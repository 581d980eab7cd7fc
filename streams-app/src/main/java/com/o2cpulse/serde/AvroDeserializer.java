package com.o2cpulse.serde;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent's wire format with the writer schema from the registry resolved against a reader schema. Bad
 * payloads and unknown schema ids are SerializationExceptions; other registry failures propagate unchanged so that
 * callers can retry them. Thread-safe.
 */
final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final SpecificData model;
    private final UnaryOperator<Schema> readerSchemaForWriterSchema;
    private final ConcurrentMap<Integer, DatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();

    AvroDeserializer(SchemaRegistryClient registry, SpecificData model,
            UnaryOperator<Schema> readerSchemaForWriterSchema) {
        this.registry = registry;
        this.model = model;
        this.readerSchemaForWriterSchema = readerSchemaForWriterSchema;
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        int schemaId = WireFormat.schemaId(payload, topic);
        DatumReader<T> reader = readerFor(schemaId, topic);
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(payload, WireFormat.HEADER_SIZE, payload.length - WireFormat.HEADER_SIZE, null);
        T record;
        boolean consumedAll;
        try {
            record = reader.read(null, decoder);
            consumedAll = decoder.isEnd();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode the Avro record with schema id " + schemaId
                    + " from topic " + topic + ": " + e, e);
        }
        if (!consumedAll) {
            throw new SerializationException("the Avro record with schema id " + schemaId + " from topic " + topic
                    + " is followed by unexpected bytes: payload does not match its schema");
        }
        return record;
    }

    private DatumReader<T> readerFor(int schemaId, String topic) {
        DatumReader<T> cached = readersBySchemaId.get(schemaId);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException("schema id " + schemaId + " not found in registry (payload from topic "
                    + topic + ")", e);
        }
        Schema readerSchema;
        try {
            readerSchema = readerSchemaForWriterSchema.apply(writerSchema);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot read schema id " + schemaId + " (" + writerSchema.getFullName()
                    + ") from topic " + topic + ": " + e.getMessage(), e);
        }
        DatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        DatumReader<T> previous = readersBySchemaId.putIfAbsent(schemaId, reader);
        return previous != null ? previous : reader;
    }
}
