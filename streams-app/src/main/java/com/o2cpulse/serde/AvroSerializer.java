package com.o2cpulse.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes records in Confluent's wire format, registering each record schema once per subject. Thread-safe. */
final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private static final int INITIAL_BUFFER_BYTES = 256;

    private final SchemaRegistryClient registry;
    private final boolean isKey;
    private final SpecificData model;
    private final ConcurrentMap<String, ConcurrentMap<Schema, Integer>> idsByTopicAndSchema = new ConcurrentHashMap<>();
    private final ConcurrentMap<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    AvroSerializer(SchemaRegistryClient registry, boolean isKey, SpecificData model) {
        this.registry = registry;
        this.isKey = isKey;
        this.model = model;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        int schemaId = schemaId(topic, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
        WireFormat.writeHeader(out, schemaId);
        try {
            // Unbuffered: the stream is in memory already, and a buffered encoder allocates its own buffer per record.
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, model)).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for topic " + topic + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String topic, Schema schema) {
        if (topic == null) {
            throw new SerializationException("cannot serialize " + schema.getFullName()
                    + " without a topic: the topic names the schema subject");
        }
        ConcurrentMap<Schema, Integer> ids = idsByTopicAndSchema.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        // Registered outside computeIfAbsent: a remote call must not hold the map's lock, and a concurrent duplicate
        // registration is harmless because registering is idempotent.
        int id = registry.register(TopicNameStrategy.subject(topic, isKey), schema);
        ids.put(schema, id);
        return id;
    }
}
