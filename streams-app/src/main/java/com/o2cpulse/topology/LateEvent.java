package com.o2cpulse.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.lifecycle.LifecycleFact;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An event for an order retired before it arrived: not folded, published to {@code o2c.late-events} instead. The
 * value names the event; the headers name the input record that holds its original bytes, and the retirement.
 */
record LateEvent(LifecycleFact fact, RetiredOrders.Marker marker, String originTopic, Optional<Origin> origin) {

    static final String ORIGIN_TOPIC = "o2c.origin.topic";
    static final String ORIGIN_PARTITION = "o2c.origin.partition";
    static final String ORIGIN_OFFSET = "o2c.origin.offset";
    static final String RETIRED_AT = "o2c.retired.at";
    static final String RETIRED_REASON = "o2c.retired.reason";

    private static final ObjectMapper JSON = new ObjectMapper();

    Headers headers() {
        Headers headers = new RecordHeaders();
        headers.add(ORIGIN_TOPIC, utf8(originTopic));
        origin.ifPresent(o -> {
            headers.add(ORIGIN_PARTITION, utf8(Integer.toString(o.partition())));
            headers.add(ORIGIN_OFFSET, utf8(Long.toString(o.offset())));
        });
        headers.add(RETIRED_AT, utf8(marker.retiredAt().toString()));
        headers.add(RETIRED_REASON, utf8(marker.reason().name()));
        return headers;
    }

    /** The same, as the record's JSON value, so that a reader without header support sees it too. */
    String toJson() {
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        value.put("correlationId", fact.correlationId());
        value.put("stream", fact.stream().streamName());
        value.put("eventId", fact.eventId());
        value.put("eventTime", fact.eventTime().toString());
        value.put("retiredAt", marker.retiredAt().toString());
        value.put("reason", marker.reason().name());
        ObjectNode from = value.putObject("origin");
        from.put("topic", originTopic);
        origin.ifPresent(o -> from.put("partition", o.partition()).put("offset", o.offset()));
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a late event as JSON", e);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
