package com.o2cpulse.topology;

import com.o2cpulse.binary.BinaryReader;
import com.o2cpulse.binary.BinaryWriter;
import com.o2cpulse.binary.FormatVersion;
import com.o2cpulse.lifecycle.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The retention side of one task: the expiry index over its orders and the markers of retired ones.
 *
 * <p>The index holds {@code o|<day>|<correlationId>} for orders and {@code m|<day>|<correlationId>} for markers,
 * the day being a retirement (or marker expiry) rounded up to a whole UTC day. An order's entry may stand for a day
 * before its retirement, never after: an event that moves the retirement later (most do, as the horizon counts from
 * the latest event) writes nothing, and when the entry's day comes the caller finds the order not due yet and
 * indexes its current retirement. Only an event that moves the retirement to an earlier day (the order settled)
 * writes an entry. An entry whose order was retired meanwhile is dropped when its day comes. The caller always
 * checks the order's current retirement, never the entry alone.
 */
public final class RetiredOrders {

    /** A retired order: when it was retired and why, and until when its events count as late. */
    public record Marker(Instant retiredAt, Retention.Reason reason, Instant expiresAt) {
    }

    private static final int FORMAT = 1;
    private static final String KIND = "retired-order marker";
    private static final int INSTANT_DIGITS = 13;
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final String ORDERS = "o|";
    private static final String MARKERS = "m|";

    private final KeyValueStore<String, byte[]> markers;
    private final KeyValueStore<String, String> index;
    private final Retention retention;

    RetiredOrders(KeyValueStore<String, byte[]> markers, KeyValueStore<String, String> index, Retention retention) {
        this.markers = markers;
        this.index = index;
        this.retention = retention;
    }

    /**
     * Indexes the order's retirement after an event, unless the entry for its retirement before stands for the same
     * day or an earlier one. {@code before} is empty for an order not indexed yet, or whose entry was taken.
     */
    void track(String correlationId, Optional<Retention.Retirement> before, Retention.Retirement after) {
        if (before.isPresent() && day(before.get().at()) <= day(after.at())) {
            return;
        }
        index.put(key(ORDERS, day(after.at()), correlationId), correlationId);
    }

    /** Orders whose indexed day has come by this stream time; their entries are removed. */
    List<String> ordersDue(long streamTime) {
        return takeDue(ORDERS, streamTime);
    }

    void retire(String correlationId, Retention.Retirement retirement) {
        index.delete(key(ORDERS, day(retirement.at()), correlationId));
        Instant expiresAt = retention.markerExpiry(retirement.at());
        markers.put(correlationId, encode(new Marker(retirement.at(), retirement.reason(), expiresAt)));
        index.put(key(MARKERS, day(expiresAt), correlationId), correlationId);
    }

    /** The marker of a retired order, unless none was kept or it expired by this stream time. */
    Optional<Marker> marker(String correlationId, long streamTime) {
        byte[] bytes = markers.get(correlationId);
        if (bytes == null) {
            return Optional.empty();
        }
        Marker marker = decode(bytes);
        return streamTime > marker.expiresAt().toEpochMilli() ? Optional.empty() : Optional.of(marker);
    }

    /** Deletes the markers that expired by this stream time: their orders' events count as new from now on. */
    void expireMarkers(long streamTime) {
        for (String correlationId : takeDue(MARKERS, streamTime)) {
            byte[] bytes = markers.get(correlationId);
            if (bytes != null && streamTime > decode(bytes).expiresAt().toEpochMilli()) {
                markers.delete(correlationId);
            }
        }
    }

    private List<String> takeDue(String kind, long streamTime) {
        // An entry's day is at or after its retirement, so only days that ended by streamTime can be due.
        long lastDueDay = Math.floorDiv(streamTime, DAY_MILLIS) * DAY_MILLIS;
        List<KeyValue<String, String>> due = new ArrayList<>();
        // '}' sorts after the '|' that follows every day, so the range ends after the last key of that day.
        try (KeyValueIterator<String, String> entries = index.range(key(kind, 0, ""), kind + padded(lastDueDay) + '}')) {
            entries.forEachRemaining(due::add);
        }
        List<String> correlationIds = new ArrayList<>(due.size());
        for (KeyValue<String, String> entry : due) {
            index.delete(entry.key);
            correlationIds.add(entry.value);
        }
        return correlationIds;
    }

    private static long day(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli() + DAY_MILLIS - 1, DAY_MILLIS) * DAY_MILLIS;
    }

    private static String key(String kind, long day, String correlationId) {
        return kind + padded(day) + '|' + correlationId;
    }

    /** Zero-padded instants sort as numbers (event times are never negative). */
    private static String padded(long millis) {
        String digits = Long.toString(millis);
        return "0".repeat(Math.max(0, INSTANT_DIGITS - digits.length())) + digits;
    }

    static byte[] encode(Marker marker) {
        return new BinaryWriter(24).writeByte(FORMAT).writeInstant(marker.retiredAt()).writeLong(marker.reason().ordinal())
                .writeInstant(marker.expiresAt()).toByteArray();
    }

    /** Decodes a value of the {@link StoreNames#RETIRED_ORDERS} store. */
    public static Marker decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        FormatVersion.check(in, FORMAT, KIND);
        return new Marker(in.readInstant(), Retention.Reason.values()[(int) in.readLong()], in.readInstant());
    }
}
