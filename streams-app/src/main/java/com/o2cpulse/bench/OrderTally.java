package com.o2cpulse.bench;

import java.nio.ByteBuffer;

/**
 * The minimal per-order state of the Kafka Streams baseline: events seen and the latest event time, 16 bytes, so
 * that the baseline pays for a state read and write per event but not for a rich encoding.
 */
final class OrderTally {

    static final int BYTES = 2 * Long.BYTES;

    private OrderTally() {
    }

    /** The state after one more event; {@code previous} is null for an order not seen before. */
    static byte[] next(byte[] previous, long eventTimeMillis) {
        long count = previous == null ? 0 : count(previous);
        long latest = previous == null ? eventTimeMillis : Math.max(latestEventTime(previous), eventTimeMillis);
        return ByteBuffer.allocate(BYTES).putLong(count + 1).putLong(latest).array();
    }

    static long count(byte[] tally) {
        return ByteBuffer.wrap(check(tally)).getLong(0);
    }

    static long latestEventTime(byte[] tally) {
        return ByteBuffer.wrap(check(tally)).getLong(Long.BYTES);
    }

    private static byte[] check(byte[] tally) {
        if (tally.length != BYTES) {
            throw new IllegalArgumentException("an order tally has " + BYTES + " bytes, not " + tally.length);
        }
        return tally;
    }
}
