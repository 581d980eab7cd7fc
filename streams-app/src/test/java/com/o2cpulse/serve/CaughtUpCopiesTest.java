package com.o2cpulse.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener.SuspendReason;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class CaughtUpCopiesTest {

    private static final String STORE = "kpi-totals";
    private static final TopicPartition CHANGELOG_2 = new TopicPartition("o2c-pulse-kpi-totals-changelog", 2);
    private static final TaskId TASK = new TaskId(2, 2);

    private final CaughtUpCopies copies = new CaughtUpCopies();

    @Test
    void aCopyBeingBuiltDoesNotCountUntilABatchReachesTheEnd() {
        copies.onUpdateStart(CHANGELOG_2, STORE, 0);
        copies.onBatchLoaded(CHANGELOG_2, STORE, TASK, 999, 1000, 3000);
        assertThat(copies.hasCaughtUp(STORE, 2)).isFalse();

        copies.onBatchLoaded(CHANGELOG_2, STORE, TASK, 2999, 2000, 3000);
        assertThat(copies.hasCaughtUp(STORE, 2)).as("one past the batch: a transaction marker").isTrue();
        assertThat(copies.hasCaughtUp(STORE, 1)).isFalse();
        assertThat(copies.hasCaughtUp("order-states", 2)).isFalse();
    }

    @Test
    void aPromotedCopyKeepsWhatItCaughtUpAndAMigratedOrRestartedOneStartsOver() {
        copies.onBatchLoaded(CHANGELOG_2, STORE, TASK, 2999, 10, 2999);
        copies.onUpdateSuspended(CHANGELOG_2, STORE, 2999, 3005, SuspendReason.PROMOTED);
        assertThat(copies.hasCaughtUp(STORE, 2)).isTrue();

        copies.onUpdateSuspended(CHANGELOG_2, STORE, 2999, 3005, SuspendReason.MIGRATED);
        assertThat(copies.hasCaughtUp(STORE, 2)).isFalse();

        copies.onBatchLoaded(CHANGELOG_2, STORE, TASK, 3004, 5, 3005);
        copies.onUpdateStart(CHANGELOG_2, STORE, 0);
        assertThat(copies.hasCaughtUp(STORE, 2)).as("built again from the start").isFalse();
    }

    @Test
    void aCopyStartedFromACheckpointCountsAtOnce() {
        copies.onUpdateStart(CHANGELOG_2, STORE, 20);

        assertThat(copies.hasCaughtUp(STORE, 2)).isTrue();
    }

    @Test
    void aCopySeenCurrentCounts() {
        copies.sawCurrent(STORE, 2);

        assertThat(copies.hasCaughtUp(STORE, 2)).isTrue();
    }
}
