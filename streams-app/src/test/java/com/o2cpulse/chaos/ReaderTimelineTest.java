package com.o2cpulse.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.chaos.ReaderTimeline.Answer;
import com.o2cpulse.chaos.ReaderTimeline.Round;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReaderTimelineTest {

    private static final int A = 1;
    private static final int B = 2;

    @Test
    void aKeyFrozenByTheFaultIsStaleUntilAnInstanceAnswersItWithANewerValue() {
        ReaderTimeline timeline = new ReaderTimeline();
        // Before the fault at 2,000 ms both keys change every round; "x" is then frozen until 5,000 ms.
        timeline.add(round(0, answer(A, Map.of("x", 0L, "y", 0L)), answer(B, Map.of("x", 0L, "y", 0L))));
        timeline.add(round(1_000, answer(A, Map.of("x", 900L, "y", 1_000L)), answer(B, Map.of("x", 800L, "y", 1_000L))));
        timeline.add(round(2_000, answer(A, Map.of("x", 900L, "y", 2_000L)), dark(B)));
        timeline.add(round(3_000, answer(A, Map.of("x", 900L, "y", 3_000L)), dark(B)));
        timeline.add(round(4_000, answer(A, Map.of("x", 900L, "y", 4_000L)), dark(B)));
        timeline.add(round(5_000, answer(A, Map.of("x", 5_000L, "y", 5_000L)), dark(B)));

        ReaderTimeline.Figures figures = timeline.figures(2_000, 1_000);

        assertThat(figures.changingKeys()).isEqualTo(2);
        assertThat(figures.baselineMaxMs()).as("x at 1,000 ms, newest 900 ms").isEqualTo(100);
        assertThat(figures.peakMs()).as("x at 4,000 ms").isEqualTo(3_100);
        assertThat(figures.recoveredAfterMs()).isEqualTo(3_000);
        assertThat(figures.longestDarkMs()).as("one instance answered throughout").isZero();
    }

    @Test
    void theLongestDarkStretchRunsFromTheFirstRoundWithoutAnyAnswerToTheNextRoundWithOne() {
        ReaderTimeline timeline = new ReaderTimeline();
        timeline.add(round(0, answer(A, Map.of()), answer(B, Map.of())));
        timeline.add(round(500, dark(A), dark(B)));
        timeline.add(round(1_000, dark(A), dark(B)));
        timeline.add(round(1_500, dark(A), answer(B, Map.of())));
        timeline.add(round(2_000, dark(A), dark(B)));
        timeline.add(round(2_500, answer(A, Map.of()), dark(B)));

        assertThat(timeline.figures(0, 1_000).longestDarkMs()).isEqualTo(1_000);
    }

    @Test
    void stalenessThatNeverReturnsToTheBaselineIsReportedAsNotRecovered() {
        ReaderTimeline timeline = new ReaderTimeline();
        timeline.add(round(0, answer(A, Map.of("x", 0L))));
        timeline.add(round(1_000, answer(A, Map.of("x", 1_000L))));
        timeline.add(round(2_000, answer(A, Map.of("x", 1_000L))));
        timeline.add(round(3_000, answer(A, Map.of("x", 1_000L))));

        ReaderTimeline.Figures figures = timeline.figures(2_000, 1_000);

        assertThat(figures.peakMs()).isEqualTo(2_000);
        assertThat(figures.recoveredAfterMs()).isEqualTo(-1);
    }

    @Test
    void aKeyThatChangedOnlyRarelyBeforeTheFaultIsNotFollowed() {
        ReaderTimeline timeline = new ReaderTimeline();
        timeline.add(round(0, answer(A, Map.of("often", 0L, "rare", 0L))));
        timeline.add(round(1_000, answer(A, Map.of("often", 1_000L, "rare", 0L))));
        timeline.add(round(2_000, answer(A, Map.of("often", 2_000L, "rare", 0L))));
        timeline.add(round(3_000, answer(A, Map.of("often", 3_000L, "rare", 2_500L))));
        timeline.add(round(4_000, answer(A, Map.of("often", 4_000L, "rare", 2_500L))));
        timeline.add(round(5_000, answer(A, Map.of("often", 5_000L, "rare", 2_500L))));

        ReaderTimeline.Figures figures = timeline.figures(4_000, 1_000);

        assertThat(figures.changingKeys()).isEqualTo(1);
        assertThat(figures.peakMs()).as("only the key that kept changing").isZero();
    }

    private static Round round(long atMs, Answer... answers) {
        return new Round(atMs, List.of(answers));
    }

    private static Answer answer(int port, Map<String, Long> updatedAt) {
        return new Answer(port, true, updatedAt);
    }

    private static Answer dark(int port) {
        return new Answer(port, false, Map.of());
    }
}
