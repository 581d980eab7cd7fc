package com.o2cpulse.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationPositionTest {

    /** So fast that a month-old history is fed at once: the test waits for the feed's end, never for the clock. */
    private static final double INSTANT_CATCH_UP = 1e12;

    @TempDir
    Path folder;

    @Test
    void aRestartedFeedContinuesTheSimulatedHistoryWhereItStoppedInsteadOfSimulatingASecondOne() throws InterruptedException {
        Path file = folder.resolve("simulation.properties");
        SimulationPosition begun = SimulationPosition.begin(Instant.now(), Duration.ofDays(30), 0.1);

        List<SpecificRecord> firstRun = feed(begun, 120, file);
        SimulationPosition stopped = SimulationPosition.load(file).orElseThrow();
        List<SpecificRecord> secondRun = feed(stopped, 180, file);

        List<SpecificRecord> uninterrupted = new ArrayList<>();
        Iterator<Arrival> arrivals = begun.resume().arrivals();
        for (int i = 0; i < 300; i++) {
            uninterrupted.add(arrivals.next().event());
        }
        List<SpecificRecord> restarted = new ArrayList<>(firstRun);
        restarted.addAll(secondRun);
        assertThat(stopped).isEqualTo(begun.withProduced(120));
        assertThat(SimulationPosition.load(file)).contains(begun.withProduced(300));
        assertThat(restarted).isEqualTo(uninterrupted);
    }

    @Test
    void aContinuationResumesTheSimulatedClockAtTheLastProducedArrival() {
        SimulationPosition begun = SimulationPosition.begin(Instant.parse("2026-12-01T10:00:00Z"), Duration.ofHours(24), 0.1);
        Iterator<Arrival> arrivals = begun.resume().arrivals();
        Arrival fiftieth = null;
        for (int i = 0; i < 50; i++) {
            fiftieth = arrivals.next();
        }

        SimulationPosition.Continuation continuation = begun.withProduced(50).resume();

        assertThat(begun.resume().clock()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(continuation.clock()).isEqualTo(fiftieth.arrivalTime());
        assertThat(continuation.arrivals().next()).isEqualTo(arrivals.next());
    }

    private static List<SpecificRecord> feed(SimulationPosition position, int arrivals, Path file) throws InterruptedException {
        MockProducer<byte[], SpecificRecord> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), (topic, value) -> new byte[0]);
        SimulationPosition.Continuation continuation = position.resume();
        LiveFeed feed = new LiveFeed(producer, Topics.DEFAULT, limit(continuation.arrivals(), arrivals), continuation.clock(),
                INSTANT_CATCH_UP, null, sent -> position.withProduced(position.produced() + sent).save(file)).start();
        feed.awaitEnd();
        feed.close();
        return producer.history().stream().map(ProducerRecord::value).toList();
    }

    private static Iterator<Arrival> limit(Iterator<Arrival> arrivals, int count) {
        return new Iterator<>() {
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < count && arrivals.hasNext();
            }

            @Override
            public Arrival next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                taken++;
                return arrivals.next();
            }
        };
    }
}
