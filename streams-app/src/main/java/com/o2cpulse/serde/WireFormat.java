package com.o2cpulse.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's wire format: magic byte 0, the schema id as a big-endian int, then the Avro binary encoding. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(schemaId).array());
    }

    /** The schema id in the header of {@code payload}; a payload not in this format is a SerializationException. */
    static int schemaId(byte[] payload, String topic) {
        if (payload.length < HEADER_SIZE) {
            throw new SerializationException("payload of " + payload.length + " bytes from topic " + topic
                    + " is too short for the " + HEADER_SIZE + "-byte Confluent Avro header");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException("unknown magic byte " + Byte.toUnsignedInt(payload[0])
                    + " in payload from topic " + topic + ": not Confluent Avro wire format (magic byte "
                    + MAGIC_BYTE + ")");
        }
        return ByteBuffer.wrap(payload, 1, Integer.BYTES).getInt();
    }
}
