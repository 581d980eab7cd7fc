package com.o2cpulse.oracle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.replay.ReplayResult;
import com.o2cpulse.serde.AvroJson;
import java.util.Map;
import java.util.TreeMap;

/** A replay's final values as the oracle and {@link OracleDiff} compare them: JSON per topic and key, tombstones left out. */
public final class ReplayJson {

    private ReplayJson() {
    }

    public static Map<String, Map<String, ObjectNode>> finalValues(ReplayResult result) {
        Map<String, Map<String, ObjectNode>> json = new TreeMap<>();
        result.finalValues().forEach((topic, values) -> {
            Map<String, ObjectNode> byKey = new TreeMap<>();
            values.forEach((key, value) -> {
                if (value != null) {
                    byKey.put(key, AvroJson.toJson(value));
                }
            });
            json.put(topic, byKey);
        });
        return json;
    }
}
