package com.o2cpulse.replay;

import java.util.List;
import java.util.SortedMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * @param finalValues topic → key → last value (null: a tombstone), as a compacted topic holds them
 * @param deadLetters records the topology sent to the dead-letter topic
 * @param exceptions  records appended to the exceptions topic
 * @param lateEvents  the late-events topic in order of appearance: events for orders retired before they arrived
 */
public record ReplayResult(SortedMap<String, SortedMap<String, SpecificRecord>> finalValues, long deadLetters, long exceptions,
                           List<LateEvent> lateEvents) {

    /** One record of the late-events topic: the order's correlationId and the JSON value. */
    public record LateEvent(String correlationId, String json) {
    }
}
