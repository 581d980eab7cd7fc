package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.serde.AvroJson;
import org.apache.avro.specific.SpecificRecord;

/** One KPI key and its current record, as the API shows it: {@code {"key": "...", "value": {...}}}. */
record KpiItem(KpiKey key, SpecificRecord value) {

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("key", key.key());
        node.set("value", AvroJson.toJson(value));
        return node;
    }
}
