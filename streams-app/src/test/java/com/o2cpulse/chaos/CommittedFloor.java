package com.o2cpulse.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The input offsets the group was last seen to have committed past. Committed offsets never go back, so a group
 * coordinator that later reports offsets below this floor serves a stale view: a broker defect, not lost processing.
 */
final class CommittedFloor {

    private CommittedFloor() {
    }

    static void write(Path file, Map<TopicPartition, Long> floor) throws IOException {
        StringBuilder lines = new StringBuilder();
        floor.forEach((p, offset) -> lines.append(p.topic()).append('\t').append(p.partition()).append('\t').append(offset).append('\n'));
        Files.writeString(file, lines);
    }

    static Map<TopicPartition, Long> read(Path file) throws IOException {
        Map<TopicPartition, Long> floor = new HashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t");
                floor.put(new TopicPartition(f[0], Integer.parseInt(f[1])), Long.parseLong(f[2]));
            }
        }
        return floor;
    }
}
