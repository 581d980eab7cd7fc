package com.o2cpulse.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries the time an input event was appended to its topic through the pipeline in a record header,
 * for the end-to-end latency metric (record timestamps carry event time instead).
 */
final class AppendTime {

    static final String HEADER = "o2c.appended-at";

    private AppendTime() {
    }

    static void set(Headers headers, long appendedAt) {
        headers.remove(HEADER);
        headers.add(HEADER, ByteBuffer.allocate(Long.BYTES).putLong(appendedAt).array());
    }

    /** The carried append time, or -1 when the record has none. */
    static long of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        return header == null || header.value().length != Long.BYTES ? -1 : ByteBuffer.wrap(header.value()).getLong();
    }
}
