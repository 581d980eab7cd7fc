package com.o2cpulse.binary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** Reads what {@link BinaryWriter} wrote; a truncated or malformed input is an {@link IllegalArgumentException}. */
public final class BinaryReader {

    private final byte[] data;
    private int position;

    public BinaryReader(byte[] data) {
        this.data = data;
    }

    public int readByte() {
        require(1);
        return data[position++] & 0xFF;
    }

    public long readLong() {
        long zigZag = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            zigZag |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (zigZag >>> 1) ^ -(zigZag & 1);
            }
        }
        throw new IllegalArgumentException("malformed varint at byte " + position);
    }

    /** A non-negative count or length that fits an array. */
    public int readCount() {
        long count = readLong();
        if (count < 0 || count > data.length - position) {
            throw new IllegalArgumentException("invalid count " + count + " at byte " + position);
        }
        return (int) count;
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public String readString() {
        int length = readCount();
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** What {@link BinaryWriter#writeId} wrote. */
    public String readId() {
        int tag = readByte();
        if (tag == Uuids.STRING_TAG) {
            return readString();
        }
        if (tag != Uuids.TAG) {
            throw new IllegalArgumentException("unknown identifier tag " + tag + " at byte " + (position - 1));
        }
        require(16);
        char[] chars = new char[36];
        int c = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                chars[c++] = '-';
            }
            int b = data[position++] & 0xFF;
            chars[c++] = Character.forDigit(b >> 4, 16);
            chars[c++] = Character.forDigit(b & 0xF, 16);
        }
        return new String(chars);
    }

    public String readNullableString() {
        return readBoolean() ? readString() : null;
    }

    public Instant readInstant() {
        return Instant.ofEpochMilli(readLong());
    }

    public Instant readNullableInstant() {
        return readBoolean() ? readInstant() : null;
    }

    public BigDecimal readDecimal() {
        int scale = Math.toIntExact(readLong());
        int length = readCount();
        byte[] unscaled = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    /** What {@link BinaryWriter#writeBytes} wrote. */
    public byte[] readBytes() {
        int length = readCount();
        byte[] bytes = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return bytes;
    }

    public boolean atEnd() {
        return position == data.length;
    }

    private void require(int bytes) {
        if (position + bytes > data.length) {
            throw new IllegalArgumentException("truncated record: " + data.length + " bytes");
        }
    }
}
