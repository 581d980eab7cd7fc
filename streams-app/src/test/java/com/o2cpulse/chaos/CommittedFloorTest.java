package com.o2cpulse.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommittedFloorTest {

    private static final TopicPartition ORDERS_0 = new TopicPartition("o2c.orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("o2c.orders", 1);

    @Test
    void floorSurvivesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("committed-floor.tsv");
        CommittedFloor.write(file, Map.of(ORDERS_0, 10059L, ORDERS_1, 7L));

        assertEquals(Map.of(ORDERS_0, 10059L, ORDERS_1, 7L), CommittedFloor.read(file));
    }

    @Test
    void noFileMeansNoFloor(@TempDir Path dir) throws Exception {
        assertEquals(Map.of(), CommittedFloor.read(dir.resolve("absent.tsv")));
    }

    @Test
    void onlyOffsetsBelowTheFloorAreRegressions() {
        Map<TopicPartition, Long> floor = Map.of(ORDERS_0, 10059L, ORDERS_1, 7L);

        assertEquals(List.of("o2c.orders-0 committed 3606 < 10059"),
                ClusterProbe.committedBelow(floor, Map.of(ORDERS_0, 3606L, ORDERS_1, 7L)));
        assertEquals(List.of(), ClusterProbe.committedBelow(floor, Map.of(ORDERS_0, 10060L, ORDERS_1, 9L)));
        assertEquals(List.of("o2c.orders-1 committed none < 7"), ClusterProbe.committedBelow(floor, Map.of(ORDERS_0, 10059L)));
        assertEquals(List.of(), ClusterProbe.committedBelow(Map.of(ORDERS_0, 0L), Map.of()), "nothing to commit below an empty partition");
    }
}
