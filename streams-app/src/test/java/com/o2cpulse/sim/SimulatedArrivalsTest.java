package com.o2cpulse.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SimulatedArrivalsTest {

    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void streamsTwoHundredThousandEventsHoldingOnlyThoseInFlight() {
        SimulatedArrivals arrivals = new Simulator(3, START).arrivals();
        int mostPending = 0;
        int pendingAtHalfway = 0;

        for (int pulled = 1; pulled <= 200_000; pulled++) {
            arrivals.next();
            mostPending = Math.max(mostPending, arrivals.pendingEvents());
            if (pulled == 100_000) {
                pendingAtHalfway = arrivals.pendingEvents();
            }
        }

        assertThat(arrivals.ordersPlaced()).isGreaterThan(30_000);
        assertThat(mostPending).isLessThan(50_000);
        assertThat(arrivals.pendingEvents()).isLessThan(pendingAtHalfway * 3 / 2);
    }

    @Test
    void arrivalsNeverGoBackInTimeNorPrecedeTheirEvent() {
        SimulatedArrivals arrivals = new Simulator(5, START).arrivals(2000);
        Instant previous = START;

        while (arrivals.hasNext()) {
            Arrival arrival = arrivals.next();
            assertThat(arrival.arrivalTime()).isAfterOrEqualTo(previous)
                    .isAfterOrEqualTo(EventHistory.eventTime(arrival.event()));
            previous = arrival.arrivalTime();
        }
    }

    @Test
    void eventTimeAdvancesAtTheConfiguredOrderRate() {
        SimulationProfile twoPerSecond = SimulationProfile.DEFAULT.withOrdersPerSecond(2);
        SimulatedArrivals arrivals = new Simulator(9, START, twoPerSecond).arrivals();

        Arrival last = arrivals.next();
        while (arrivals.ordersPlaced() < 20_000) {
            last = arrivals.next();
        }

        Duration elapsed = Duration.between(START, last.arrivalTime());
        assertThat(elapsed).isBetween(Duration.ofSeconds(9_000), Duration.ofSeconds(10_500));
    }

    @Test
    void theEndlessStreamIsDeterministicForASeed() {
        List<SpecificRecord> one = new Simulator(11, START).stream().limit(5_000).toList();
        List<SpecificRecord> again = new Simulator(11, START).stream().limit(5_000).toList();

        assertThat(one).hasSize(5_000).isEqualTo(again);
    }
}
