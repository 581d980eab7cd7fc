package com.o2cpulse.testing;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.serde.SchemaRegistryClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;

/**
 * A seeded stream of hostile input-topic payloads in Confluent's Avro wire format, made from valid events: bytes
 * flipped, cut or appended, the magic byte or schema id replaced (by unknown ids and by ids of other registered
 * schemas), whole events sent to another stream's topic, and events re-encoded with extreme field values chosen by
 * their Avro type (long extremes for quantities and timestamps, empty, blank, oversized and separator-laden strings,
 * decimals of absurd magnitude, empty, duplicated and swollen line arrays). The same seed gives the same cases.
 */
public final class FuzzedPayloads {

    /** How a case was made from its valid origin. */
    public enum Mutation {
        RANDOM_BYTES, BIT_FLIPS, TRUNCATED, EXTENDED, MAGIC_BYTE, UNKNOWN_SCHEMA_ID, FOREIGN_SCHEMA_ID,
        OTHER_STREAMS_EVENT, EXTREME_FIELDS
    }

    /** One payload for the input topic of {@code stream}, made from {@code origin} by {@code mutation}. */
    public record Case(long index, Mutation mutation, EventStream stream, SpecificRecord origin, byte[] payload) {
    }

    /** A valid event and the bytes the real serializer writes for it. */
    private record Seed(EventStream stream, SpecificRecord event, byte[] payload) {
    }

    private static final long MAX_QUANTITY = 1_000_000_000_000L;
    /** 9999-12-31T23:59:59.999Z and the millisecond after it. */
    private static final long LAST_MILLI_OF_9999 = 253_402_300_799_999L;
    private static final long[] EXTREME_LONGS = {
        Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, MAX_QUANTITY,
        MAX_QUANTITY + 1, LAST_MILLI_OF_9999, LAST_MILLI_OF_9999 + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    private static final int OVERSIZED_STRING_CHARS = 300_000;
    private static final int SWOLLEN_ARRAY_ITEMS = 500;

    private final Random random;
    private final SchemaRegistryClient registry;
    private final List<Seed> seeds = new ArrayList<>();
    private final Map<EventStream, List<Seed>> seedsByStream = new EnumMap<>(EventStream.class);
    private final List<Integer> foreignSchemaIds;
    private final Set<Integer> knownSchemaIds;
    private final String oversized;
    /** Without logical types, so that timestamps stay longs and decimals stay bytes. */
    private final GenericData plain = new GenericData();
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private final Map<Integer, GenericDatumWriter<GenericRecord>> writers = new HashMap<>();
    private long index;

    /**
     * @param events valid input events to start from, of every stream
     * @param serialize the real serializer of input events (it registers their schemas)
     * @param registry the registry the serializer writes to; the extreme-field mutation reads schemas from it
     * @param foreignSchemaIds ids of registered schemas that are not input events (state, KPI records)
     */
    public FuzzedPayloads(long seed, List<? extends SpecificRecord> events, Function<SpecificRecord, byte[]> serialize,
            SchemaRegistryClient registry, List<Integer> foreignSchemaIds) {
        this.random = new Random(seed);
        this.registry = registry;
        for (SpecificRecord event : events) {
            Seed s = new Seed(EventStream.of(event), event, serialize.apply(event));
            seeds.add(s);
            seedsByStream.computeIfAbsent(s.stream(), k -> new ArrayList<>()).add(s);
        }
        if (seedsByStream.size() != EventStream.values().length) {
            throw new IllegalArgumentException("the events must cover every stream: " + seedsByStream.keySet());
        }
        List<Integer> ids = new ArrayList<>(foreignSchemaIds);
        seedsByStream.values().forEach(list -> ids.add(schemaId(list.get(0).payload())));
        this.foreignSchemaIds = List.copyOf(ids);
        this.knownSchemaIds = Set.copyOf(ids);
        char[] chars = new char[OVERSIZED_STRING_CHARS];
        Arrays.fill(chars, 'x');
        this.oversized = new String(chars);
    }

    /** The next case; mutations are drawn with weights that favour the structure-aware ones. */
    public Case next() {
        Seed origin = seeds.get(random.nextInt(seeds.size()));
        int draw = random.nextInt(100);
        if (draw < 5) {
            return make(Mutation.RANDOM_BYTES, origin, randomBytes());
        } else if (draw < 20) {
            return make(Mutation.BIT_FLIPS, origin, bitFlips(origin.payload()));
        } else if (draw < 30) {
            return make(Mutation.TRUNCATED, origin, Arrays.copyOf(origin.payload(), random.nextInt(origin.payload().length)));
        } else if (draw < 37) {
            return make(Mutation.EXTENDED, origin, extended(origin.payload()));
        } else if (draw < 40) {
            byte[] payload = origin.payload().clone();
            payload[0] = (byte) (1 + random.nextInt(255));
            return make(Mutation.MAGIC_BYTE, origin, payload);
        } else if (draw < 45) {
            return make(Mutation.UNKNOWN_SCHEMA_ID, origin, withSchemaId(origin.payload(), unknownSchemaId()));
        } else if (draw < 52) {
            int foreign = foreignSchemaIds.get(random.nextInt(foreignSchemaIds.size()));
            return make(Mutation.FOREIGN_SCHEMA_ID, origin, withSchemaId(origin.payload(), foreign));
        } else if (draw < 57) {
            EventStream other = EventStream.values()[(origin.stream().ordinal() + 1 + random.nextInt(3)) % 4];
            List<Seed> others = seedsByStream.get(other);
            Seed foreign = others.get(random.nextInt(others.size()));
            return new Case(index++, Mutation.OTHER_STREAMS_EVENT, origin.stream(), foreign.event(), foreign.payload());
        }
        return make(Mutation.EXTREME_FIELDS, origin, extremeFields(origin.payload()));
    }

    private Case make(Mutation mutation, Seed origin, byte[] payload) {
        return new Case(index++, mutation, origin.stream(), origin.event(), payload);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (bytes.length >= 5 && random.nextBoolean()) {
            bytes[0] = 0;
            ByteBuffer.wrap(bytes, 1, 4).putInt(foreignSchemaIds.get(random.nextInt(foreignSchemaIds.size())));
        }
        return bytes;
    }

    private byte[] bitFlips(byte[] payload) {
        byte[] flipped = payload.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int bit = 5 * 8 + random.nextInt((flipped.length - 5) * 8);
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return flipped;
    }

    private byte[] extended(byte[] payload) {
        byte[] tail = new byte[1 + random.nextInt(32)];
        random.nextBytes(tail);
        byte[] extended = Arrays.copyOf(payload, payload.length + tail.length);
        System.arraycopy(tail, 0, extended, payload.length, tail.length);
        return extended;
    }

    private int unknownSchemaId() {
        int[] special = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 99_999};
        int id;
        do {
            id = random.nextBoolean() ? special[random.nextInt(special.length)] : random.nextInt();
        } while (knownSchemaIds.contains(id));
        return id;
    }

    private static byte[] withSchemaId(byte[] payload, int schemaId) {
        byte[] copy = payload.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(schemaId);
        return copy;
    }

    private static int schemaId(byte[] payload) {
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    /** Decodes the payload without logical types, replaces one to three leaves and encodes it again. */
    private byte[] extremeFields(byte[] payload) {
        int schemaId = schemaId(payload);
        Schema schema = registry.schemaById(schemaId);
        GenericRecord record;
        try {
            record = readers.computeIfAbsent(schemaId, id -> new GenericDatumReader<>(schema, schema, plain))
                    .read(null, DecoderFactory.get().binaryDecoder(payload, 5, payload.length - 5, null));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a seed payload does not decode", e);
        }
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            List<Slot> slots = new ArrayList<>();
            collectSlots(record, slots);
            Slot slot = slots.get(random.nextInt(slots.size()));
            slot.record().put(slot.field().pos(), extremeValue(slot.field().schema(), slot.record().get(slot.field().pos())));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writers.computeIfAbsent(schemaId, id -> new GenericDatumWriter<>(schema, plain)).write(record, encoder);
            encoder.flush();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode a mutated record", e);
        }
        return out.toByteArray();
    }

    /** A field of a record, somewhere in the event (lines included). */
    private record Slot(GenericRecord record, Schema.Field field) {
    }

    private static void collectSlots(GenericRecord record, List<Slot> slots) {
        for (Schema.Field field : record.getSchema().getFields()) {
            slots.add(new Slot(record, field));
            Object value = record.get(field.pos());
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof GenericRecord nested) {
                        collectSlots(nested, slots);
                    }
                }
            }
        }
    }

    private Object extremeValue(Schema schema, Object current) {
        return switch (schema.getType()) {
            case LONG -> random.nextInt(4) == 0 ? random.nextLong() : EXTREME_LONGS[random.nextInt(EXTREME_LONGS.length)];
            case INT -> new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}[random.nextInt(4)];
            case STRING -> extremeString();
            case BYTES -> ByteBuffer.wrap(extremeUnscaledDecimal());
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
            case UNION -> random.nextInt(3) == 0 ? null : extremeValue(schema.getTypes().get(1), current);
            case ARRAY -> extremeArray(current);
            default -> current;
        };
    }

    private String extremeString() {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "\t\n";
            case 3 -> "a".repeat(200);
            case 4 -> "a".repeat(201);
            case 5 -> random.nextInt(10) == 0 ? oversized : "y".repeat(5_000);
            case 6 -> "A|B";
            case 7 -> "A=B";
            case 8 -> "A/B";
            case 9 -> "\u0000";
            case 10 -> "Ünïcødé-€-\uD834\uDD1E";
            default -> Long.toString(random.nextLong(), 36);
        };
    }

    /** Two's-complement unscaled values as the decimal(18, 2) logical type stores them, of any size or sign. */
    private byte[] extremeUnscaledDecimal() {
        byte[] bytes = new byte[random.nextInt(4) == 0 ? random.nextInt(3) : 1 + random.nextInt(40)];
        random.nextBytes(bytes);
        return bytes;
    }

    private Object extremeArray(Object current) {
        List<?> items = current instanceof List<?> list ? list : List.of();
        List<Object> changed = new ArrayList<>();
        switch (random.nextInt(4)) {
            case 0 -> {
            }
            case 1 -> {
                changed.addAll(items);
                if (!items.isEmpty()) {
                    changed.add(items.get(random.nextInt(items.size())));
                }
            }
            case 2 -> {
                for (int i = 0; i < SWOLLEN_ARRAY_ITEMS && !items.isEmpty(); i++) {
                    changed.add(items.get(i % items.size()));
                }
            }
            default -> {
                changed.addAll(items);
                if (!changed.isEmpty()) {
                    changed.remove(random.nextInt(changed.size()));
                }
            }
        }
        return changed;
    }
}
