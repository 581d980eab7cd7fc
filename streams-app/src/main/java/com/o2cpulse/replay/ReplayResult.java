package com.o2cpulse.replay;

import java.util.SortedMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * @param finalValues topic → key → last value (null: a tombstone), as a compacted topic holds them
 * @param deadLetters records the topology sent to the dead-letter topic
 * @param exceptions  records appended to the exceptions topic
 */
public record ReplayResult(SortedMap<String, SortedMap<String, SpecificRecord>> finalValues, long deadLetters, long exceptions) {
}
