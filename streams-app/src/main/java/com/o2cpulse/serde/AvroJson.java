package com.o2cpulse.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro records as JSON for people and BI tools: the Avro field names, decimals as strings ("12.50"), dates as
 * YYYY-MM-DD, instants as ISO-8601, maps as objects. Used by the replay output and the HTTP API alike.
 */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    public static ObjectNode toJson(SpecificRecord record) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(record.get(field.pos())));
        }
        return node;
    }

    private static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof SpecificRecord nested) {
            return toJson(nested);
        } else if (value instanceof BigDecimal decimal) {
            return NODES.textNode(decimal.toPlainString());
        } else if (value instanceof Long n) {
            return NODES.numberNode(n);
        } else if (value instanceof Integer n) {
            return NODES.numberNode(n);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        } else if (value instanceof LocalDate date) {
            return NODES.textNode(date.toString());
        } else if (value instanceof Map<?, ?> map) {
            List<MapEntry> entries = new ArrayList<>(map.size());
            map.forEach((key, item) -> entries.add(MapEntry.of(key.toString(), item)));
            entries.sort(MapEntry.ORDER);
            ObjectNode object = NODES.objectNode();
            entries.forEach(e -> object.set(e.key(), value(e.value())));
            return object;
        } else if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        return NODES.textNode(value.toString());
    }

    /**
     * A map entry with its key's number parsed once (null unless the key is all digits), so that sorting does not
     * parse keys on every comparison: numeric keys (histogram buckets) in numeric order, others alphabetically.
     */
    private record MapEntry(String key, BigInteger number, Object value) {

        static final Comparator<MapEntry> ORDER = (a, b) -> a.number != null && b.number != null
                ? a.number.compareTo(b.number)
                : a.key.compareTo(b.key);

        static MapEntry of(String key, Object value) {
            boolean number = !key.isEmpty() && key.chars().allMatch(Character::isDigit);
            return new MapEntry(key, number ? new BigInteger(key) : null, value);
        }
    }
}
