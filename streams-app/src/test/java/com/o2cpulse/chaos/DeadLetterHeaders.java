package com.o2cpulse.chaos;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** What Kafka Streams' dead-letter headers (KIP-1034) say about a dead letter, for the verifier and the DLQ test. */
public final class DeadLetterHeaders {

    private DeadLetterHeaders() {
    }

    /** The record it stands for, as {@code topic-partition@offset}. */
    public static String origin(ConsumerRecord<byte[], byte[]> deadLetter) {
        return header(deadLetter, "__streams.errors.topic") + "-" + header(deadLetter, "__streams.errors.partition")
                + "@" + header(deadLetter, "__streams.errors.offset");
    }

    /** The last value of a header as text; null when absent. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
