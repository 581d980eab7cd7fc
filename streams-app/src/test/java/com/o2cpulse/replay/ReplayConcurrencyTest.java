package com.o2cpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.topology.TopologySettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * Replays do not share state: each has a state directory of its own, so two at once in one JVM both succeed (they
 * used to share /tmp/kafka-streams/o2c-pulse-replay and one died on RocksDB's LOCK), and the output is drained as it
 * is produced, not held until the end.
 */
class ReplayConcurrencyTest {

    private static List<SpecificRecordBase> events(long seed, int orders) {
        List<SpecificRecordBase> events = new ArrayList<>();
        new Simulator(seed, Instant.parse("2026-11-20T08:00:00Z")).generate(orders)
                .forEach(event -> events.add((SpecificRecordBase) event));
        return events;
    }

    private static byte[] eventId(SpecificRecordBase event) {
        return Events.eventId(event).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void twoReplaysAtTheSameTimeBothSucceedWithEqualResults() throws Exception {
        List<SpecificRecordBase> events = events(11, 200);
        ReplayResult alone = new Replay(TopologySettings.DEFAULT).run(events, ReplayConcurrencyTest::eventId);

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<ReplayResult>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(threads.submit(() -> {
                    Replay replay = new Replay(TopologySettings.DEFAULT);
                    start.await(30, TimeUnit.SECONDS);
                    return replay.run(events, ReplayConcurrencyTest::eventId);
                }));
            }
            ReplayResult first = runs.get(0).get(120, TimeUnit.SECONDS);
            ReplayResult second = runs.get(1).get(120, TimeUnit.SECONDS);

            assertThat(first.finalValues()).isNotEmpty().allSatisfy((topic, values) -> assertThat(values).isNotEmpty());
            assertThat(second).isEqualTo(first);
            assertThat(first).isEqualTo(alone);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void outputIsDrainedAtEveryFlushNotOnlyAtTheEnd() {
        List<SpecificRecordBase> events = events(12, 600);
        List<Long> drains = new ArrayList<>();
        LongConsumer observer = drains::add;

        int eventsPerFlush = 1000;
        ReplayResult result = new Replay(TopologySettings.DEFAULT, eventsPerFlush).run(events, ReplayConcurrencyTest::eventId, observer);

        long total = drains.stream().mapToLong(Long::longValue).sum();
        long largest = drains.stream().mapToLong(Long::longValue).max().orElse(0);
        assertThat(drains).hasSize(events.size() / eventsPerFlush + 1);
        assertThat(drains.size()).isGreaterThanOrEqualTo(3);
        assertThat(largest).isLessThan(total / 2);
        long keys = result.finalValues().values().stream().mapToLong(values -> values.size()).sum();
        assertThat(total).isGreaterThan(keys);
        assertThat(new Replay(TopologySettings.DEFAULT, eventsPerFlush).run(events, ReplayConcurrencyTest::eventId)).isEqualTo(result);
    }
}
