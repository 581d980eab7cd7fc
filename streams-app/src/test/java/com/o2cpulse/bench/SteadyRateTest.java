package com.o2cpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void startUpAndTailAreLeftOut() {
        // 5 s of group join at 0, then 1,000 events/s in commit steps of 100 events, then a slow tail.
        List<ProgressSample> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(new ProgressSample(i * SECOND / 10, 0));
        }
        long t = 5 * SECOND;
        for (long done = 100; done <= 900; done += 100) {
            t += SECOND / 10;
            samples.add(new ProgressSample(t, done));
        }
        samples.add(new ProgressSample(t + 30 * SECOND, 1000));

        SteadyRate rate = SteadyRate.of(samples, 1000).orElseThrow();

        assertThat(rate.eventsPerSecond()).isCloseTo(1000, within(1e-6));
        assertThat(rate.events()).isEqualTo(800);
        assertThat(rate.window().toMillis()).isEqualTo(800);
        assertThat(rate.samples()).isEqualTo(9);
    }

    @Test
    void endsAreTheSamplesThatCrossTheFractionsNotInterpolatedThresholds() {
        List<ProgressSample> samples = List.of(
                new ProgressSample(0, 0),
                new ProgressSample(SECOND, 150),     // first at or past 10 %
                new ProgressSample(2 * SECOND, 500),
                new ProgressSample(3 * SECOND, 950), // first at or past 90 %
                new ProgressSample(4 * SECOND, 1000));

        SteadyRate rate = SteadyRate.of(samples, 1000).orElseThrow();

        assertThat(rate.events()).isEqualTo(800);
        assertThat(rate.eventsPerSecond()).isCloseTo(400, within(1e-6));
    }

    @Test
    void progressThatDipsAfterCrossingDoesNotMoveTheStart() {
        List<ProgressSample> samples = List.of(
                new ProgressSample(0, 120),
                new ProgressSample(SECOND, 80),
                new ProgressSample(2 * SECOND, 920));

        SteadyRate rate = SteadyRate.of(samples, 1000).orElseThrow();

        assertThat(rate.events()).isEqualTo(800);
        assertThat(rate.window().toSeconds()).isEqualTo(2);
    }

    @Test
    void aRunThatJumpsOverBothFractionsInOneStepHasNoSteadyRate() {
        List<ProgressSample> samples = List.of(new ProgressSample(0, 0), new ProgressSample(SECOND, 1000));

        assertThat(SteadyRate.of(samples, 1000)).isEmpty();
    }

    @Test
    void anUnfinishedRunHasNoSteadyRate() {
        List<ProgressSample> samples = List.of(new ProgressSample(0, 200), new ProgressSample(SECOND, 500));

        assertThat(SteadyRate.of(samples, 1000)).isEmpty();
        assertThat(SteadyRate.of(List.of(), 1000)).isEmpty();
    }

    @Test
    void fractionsMustBeOrderedAndTheTotalPositive() {
        assertThatThrownBy(() -> SteadyRate.of(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SteadyRate.of(List.of(), 10, 0.9, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
