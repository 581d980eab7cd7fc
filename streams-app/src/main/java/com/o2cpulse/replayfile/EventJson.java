package com.o2cpulse.replayfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.lifecycle.EventStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The replay-file codec: one input event per JSON line, {@code "stream"} first, then the Avro fields in schema
 * order. Parsing is faithful, not judging: it rejects what cannot be an event of the schema (missing, blank or
 * mistyped fields) and leaves business checks such as negative quantities to the validator.
 *
 * <p>Walks the Avro schema rather than hand-mapping each event type, so the JSON form follows the fields of the
 * schemas as they evolve. Money is a decimal string with 2 fraction digits; a JSON number is accepted too. A
 * decimal such as "12.500" whose extra digits are zeros is exact at scale 2 and accepted; "12.345" is not. Times
 * are truncated to milliseconds, as Avro's timestamp-millis does. A field given twice makes the line invalid.
 */
public final class EventJson {

    private static final String STREAM_FIELD = "stream";
    private static final int MONEY_SCALE = 2;
    /** Avro decimal precision 18 at scale 2 leaves 16 digits before the point. */
    private static final int MONEY_INTEGER_DIGITS = 16;
    private static final int QUOTED_VALUE_LIMIT = 40;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Parses one replay-file line into an OrderEvent, AllocationEvent, ShipmentEvent or InvoiceEvent. */
    public SpecificRecord parse(String line) {
        JsonNode root = readTree(line);
        EventStream stream = streamOf(root);
        return (SpecificRecord) new Reader(stream).record(root, EventRecords.schemaOf(stream), "");
    }

    /** Writes an input event as one replay-file line, without a line terminator. */
    public String write(SpecificRecord event) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put(STREAM_FIELD, EventStream.of(event).streamName());
        writeFields(root, event, "");
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private JsonNode readTree(String line) {
        if (line == null || line.isBlank()) {
            throw new MalformedLineException("empty line");
        }
        JsonNode root;
        try {
            root = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedLineException("not JSON: " + oneLine(e.getOriginalMessage()));
        }
        if (!root.isObject()) {
            throw new MalformedLineException("not a JSON object but " + kindOf(root));
        }
        return root;
    }

    private static EventStream streamOf(JsonNode root) {
        JsonNode stream = root.get(STREAM_FIELD);
        if (stream == null || stream.isNull()) {
            throw new MalformedLineException("missing field 'stream'");
        }
        if (!stream.isTextual()) {
            throw new MalformedLineException("field 'stream' must be a string, was " + quoted(stream));
        }
        return EventStream.byStreamName(stream.textValue()).orElseThrow(() -> new MalformedLineException(
                "unknown stream " + quoted(stream) + " (expected order, allocation, shipment or invoice)"));
    }

    /** Reads JSON into the generated classes, naming the field path of the first problem. */
    private static final class Reader {

        private final String streamName;

        Reader(EventStream stream) {
            this.streamName = stream.streamName();
        }

        Object record(JsonNode node, Schema schema, String path) {
            SpecificRecord record = EventRecords.newRecord(schema);
            for (Schema.Field field : schema.getFields()) {
                String fieldPath = path + field.name();
                record.put(field.pos(), value(node.get(field.name()), field.schema(), fieldPath));
            }
            return record;
        }

        private Object value(JsonNode node, Schema schema, String path) {
            boolean absent = node == null || node.isNull();
            if (schema.isNullable()) {
                return absent ? null : value(node, nonNullBranch(schema), path);
            }
            if (absent) {
                throw invalid("missing field '" + path + "'");
            }
            return switch (schema.getType()) {
                case STRING -> text(node, path);
                case LONG -> isTimestamp(schema) ? instant(node, path) : wholeNumber(node, path);
                case BYTES -> money(node, path);
                case ENUM -> symbol(node, schema, path);
                case ARRAY -> array(node, schema, path);
                case RECORD -> {
                    if (!node.isObject()) {
                        throw invalid("field '" + path + "' must be an object, was " + kindOf(node));
                    }
                    yield record(node, schema, path + ".");
                }
                default -> throw new IllegalStateException("schema type not supported in replay files: " + schema);
            };
        }

        private String text(JsonNode node, String path) {
            if (!node.isTextual()) {
                throw invalid("field '" + path + "' must be a string, was " + quoted(node));
            }
            if (node.textValue().isBlank()) {
                throw invalid("field '" + path + "' is blank");
            }
            return node.textValue();
        }

        private Instant instant(JsonNode node, String path) {
            if (!node.isTextual()) {
                throw invalid("field '" + path + "' must be an ISO-8601 instant string, was " + quoted(node));
            }
            try {
                Instant instant = Instant.parse(node.textValue());
                instant.toEpochMilli();
                return instant.truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw invalid("field '" + path + "' is not an ISO-8601 instant such as 2026-11-23T11:45:00Z: "
                        + quoted(node));
            }
        }

        private long wholeNumber(JsonNode node, String path) {
            if (!node.isNumber()) {
                throw invalid("field '" + path + "' must be a whole number, was " + quoted(node));
            }
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            if (value.scale() > 0) {
                throw invalid("field '" + path + "' must be a whole number, was " + quoted(node));
            }
            if (value.precision() - value.scale() > 19) {
                throw invalid("field '" + path + "' is out of range: " + quoted(node));
            }
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw invalid("field '" + path + "' is out of range: " + quoted(node));
            }
        }

        private BigDecimal money(JsonNode node, String path) {
            BigDecimal value;
            if (node.isNumber()) {
                value = node.decimalValue();
            } else if (node.isTextual()) {
                try {
                    value = new BigDecimal(node.textValue());
                } catch (NumberFormatException e) {
                    throw invalid("field '" + path + "' is not a decimal such as \"12.50\": " + quoted(node));
                }
            } else {
                throw invalid("field '" + path + "' must be a decimal string such as \"12.50\", was " + quoted(node));
            }
            BigDecimal exact = value.stripTrailingZeros();
            if (exact.scale() > MONEY_SCALE) {
                throw invalid("field '" + path + "' has more than 2 decimals: " + quoted(node));
            }
            if (exact.precision() - exact.scale() > MONEY_INTEGER_DIGITS) {
                throw invalid("field '" + path + "' has more than 16 digits before the point: " + quoted(node));
            }
            return exact.setScale(MONEY_SCALE);
        }

        private Object symbol(JsonNode node, Schema schema, String path) {
            if (!node.isTextual() || !schema.hasEnumSymbol(node.textValue())) {
                throw invalid("field '" + path + "' must be one of " + String.join(", ", schema.getEnumSymbols())
                        + ", was " + quoted(node));
            }
            return EventRecords.enumSymbol(schema, node.textValue());
        }

        private List<Object> array(JsonNode node, Schema schema, String path) {
            if (!node.isArray()) {
                throw invalid("field '" + path + "' must be an array, was " + kindOf(node));
            }
            List<Object> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                items.add(value(node.get(i), schema.getElementType(), path + "[" + i + "]"));
            }
            return items;
        }

        private MalformedLineException invalid(String reason) {
            return new MalformedLineException(streamName + " event: " + reason);
        }
    }

    private static void writeFields(ObjectNode target, SpecificRecord record, String path) {
        for (Schema.Field field : record.getSchema().getFields()) {
            target.set(field.name(), jsonOf(record.get(field.pos()), field.schema(), path + field.name()));
        }
    }

    private static JsonNode jsonOf(Object value, Schema schema, String path) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (schema.isNullable()) {
            return value == null ? json.nullNode() : jsonOf(value, nonNullBranch(schema), path);
        }
        if (value == null) {
            throw new IllegalArgumentException("required field '" + path + "' is null");
        }
        return switch (schema.getType()) {
            case STRING, ENUM -> json.textNode(value.toString());
            case LONG -> isTimestamp(schema) ? json.textNode(((Instant) value).toString()) : json.numberNode((Long) value);
            case BYTES -> json.textNode(moneyText((BigDecimal) value, path));
            case ARRAY -> {
                ArrayNode array = json.arrayNode();
                int i = 0;
                for (Object item : (List<?>) value) {
                    array.add(jsonOf(item, schema.getElementType(), path + "[" + i++ + "]"));
                }
                yield array;
            }
            case RECORD -> {
                ObjectNode object = json.objectNode();
                writeFields(object, (SpecificRecord) value, path + ".");
                yield object;
            }
            default -> throw new IllegalStateException("schema type not supported in replay files: " + schema);
        };
    }

    private static String moneyText(BigDecimal amount, String path) {
        try {
            return amount.setScale(MONEY_SCALE).toPlainString();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("field '" + path + "' has more than 2 decimals: " + amount, e);
        }
    }

    private static Schema nonNullBranch(Schema union) {
        return union.getTypes().stream()
                .filter(branch -> branch.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("union without a value branch: " + union));
    }

    private static boolean isTimestamp(Schema schema) {
        LogicalType logicalType = schema.getLogicalType();
        return logicalType instanceof LogicalTypes.TimestampMillis;
    }

    private static String kindOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }

    private static String quoted(JsonNode node) {
        String text = node.toString();
        return oneLine(text.length() > QUOTED_VALUE_LIMIT ? text.substring(0, QUOTED_VALUE_LIMIT) + "..." : text);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\R", " ");
    }
}
