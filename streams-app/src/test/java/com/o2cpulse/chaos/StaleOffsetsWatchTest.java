package com.o2cpulse.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StaleOffsetsWatchTest {

    private static final TopicPartition ALLOCATIONS_0 = new TopicPartition("o2c.allocations", 0);
    private static final Map<TopicPartition, Long> FLOOR = Map.of(ALLOCATIONS_0, 10059L);
    private static final Map<TopicPartition, Long> STALE = Map.of(ALLOCATIONS_0, 3606L);
    private static final Map<TopicPartition, Long> CURRENT = Map.of(ALLOCATIONS_0, 10100L);

    @Test
    void staleOnlyOnceEveryAnswerForTheGracePeriodWasBelowTheFloor() {
        StaleOffsetsWatch watch = new StaleOffsetsWatch(FLOOR, Duration.ofSeconds(20));

        assertFalse(watch.observe(STALE, 1_000));
        assertFalse(watch.observe(STALE, 20_999));
        assertTrue(watch.observe(STALE, 21_000));
        assertEquals(List.of("o2c.allocations-0 committed 3606 < 10059"), watch.below());
    }

    @Test
    void anAnswerAtOrAboveTheFloorStartsTheGracePeriodAgain() {
        StaleOffsetsWatch watch = new StaleOffsetsWatch(FLOOR, Duration.ofSeconds(20));

        assertFalse(watch.observe(STALE, 0));
        assertFalse(watch.observe(CURRENT, 10_000));
        assertEquals(List.of(), watch.below());
        assertFalse(watch.observe(STALE, 15_000));
        assertFalse(watch.observe(STALE, 34_999));
        assertTrue(watch.observe(STALE, 35_000));
    }

    @Test
    void withoutAFloorNothingIsStale() {
        StaleOffsetsWatch watch = new StaleOffsetsWatch(Map.of(), Duration.ZERO);

        assertFalse(watch.observe(Map.of(), 0));
        assertFalse(watch.observe(STALE, 60_000));
    }
}
