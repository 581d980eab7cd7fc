package com.o2cpulse.run;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.topology.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A second, backward-compatible version of every input event schema (one more optional field), registered under
 * the input topics' subjects, and events written with it: records whose schema ids a running application has never
 * seen, so that reading them needs the registry.
 */
final class EvolvedEventSchemas {

    private static final String ADDED_FIELD = "sourceSystem";
    private static final int HEADER_SIZE = 5;

    private final Map<EventStream, Schema> evolved = new EnumMap<>(EventStream.class);
    private final Map<EventStream, Integer> ids = new EnumMap<>(EventStream.class);
    private final GenericData plain = new GenericData();

    EvolvedEventSchemas(InMemorySchemaRegistry registry, Topics topics) {
        for (EventStream stream : EventStream.values()) {
            Schema schema = withAddedField(SpecificData.get().getSchema(stream.eventClass()));
            evolved.put(stream, schema);
            ids.put(stream, registry.register(topics.input(stream) + "-value", schema));
        }
    }

    /** The event, written by the real serializer as {@code current}, re-encoded with the second version. */
    byte[] encode(SpecificRecord event, byte[] current) {
        EventStream stream = EventStream.of(event);
        Schema schema = evolved.get(stream);
        try {
            GenericRecord record = new GenericDatumReader<GenericRecord>(event.getSchema(), schema, plain)
                    .read(null, DecoderFactory.get().binaryDecoder(current, HEADER_SIZE, current.length - HEADER_SIZE, null));
            record.put(ADDED_FIELD, "fuzz-" + stream.streamName());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(ids.get(stream)).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema, plain).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-encode " + event, e);
        }
    }

    private static Schema withAddedField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field(ADDED_FIELD, Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "The system the event came from (test version 2).",
                JsonProperties.NULL_VALUE));
        Schema evolved = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
        schema.getObjectProps().forEach(evolved::addProp);
        return evolved;
    }
}
