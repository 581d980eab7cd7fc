package com.o2cpulse.binary;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** Writes the primitives of the internal binary formats: zig-zag varints, UTF-8 strings, instants, decimals. */
public final class BinaryWriter {

    private byte[] buffer;
    private int size;

    public BinaryWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public BinaryWriter writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
        return this;
    }

    public BinaryWriter writeLong(long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        ensure(10);
        while ((zigZag & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((zigZag & 0x7F) | 0x80);
            zigZag >>>= 7;
        }
        buffer[size++] = (byte) zigZag;
        return this;
    }

    public BinaryWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    public BinaryWriter writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeLong(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /**
     * An identifier: a canonical lower-case UUID (what most source systems send as event ids) in its 16 bytes,
     * anything else as a string; a leading tag tells them apart, so every identifier reads back unchanged.
     */
    public BinaryWriter writeId(String id) {
        if (Uuids.isCanonical(id)) {
            writeByte(Uuids.TAG);
            ensure(16);
            for (int i = 0; i < 36; i++) {
                char c = id.charAt(i);
                if (c != '-') {
                    int high = Character.digit(c, 16);
                    int low = Character.digit(id.charAt(++i), 16);
                    buffer[size++] = (byte) (high << 4 | low);
                }
            }
            return this;
        }
        writeByte(Uuids.STRING_TAG);
        return writeString(id);
    }

    /** A string that may be null: a presence flag, then the string. */
    public BinaryWriter writeNullableString(String value) {
        writeBoolean(value != null);
        return value == null ? this : writeString(value);
    }

    /** Millisecond precision, as the input schemas' timestamp-millis. */
    public BinaryWriter writeInstant(Instant value) {
        return writeLong(value.toEpochMilli());
    }

    public BinaryWriter writeNullableInstant(Instant value) {
        writeBoolean(value != null);
        return value == null ? this : writeInstant(value);
    }

    /** Exact: the scale, then the unscaled value's two's-complement bytes. */
    public BinaryWriter writeDecimal(BigDecimal value) {
        writeLong(value.scale());
        byte[] unscaled = value.unscaledValue().toByteArray();
        writeLong(unscaled.length);
        ensure(unscaled.length);
        System.arraycopy(unscaled, 0, buffer, size, unscaled.length);
        size += unscaled.length;
        return this;
    }

    /** Length-prefixed bytes, e.g. a nested record in a format of its own. */
    public BinaryWriter writeBytes(byte[] bytes) {
        writeLong(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
