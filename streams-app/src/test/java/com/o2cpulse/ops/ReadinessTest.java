package com.o2cpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static final TopicPartition CHANGELOG = new TopicPartition("o2c-pulse-kpi-totals-changelog", 0);
    private final Readiness readiness = new Readiness();

    @Test
    void createdInstanceIsLiveButNotReady() {
        assertThat(readiness.isLive()).isTrue();
        assertThat(readiness.isReady()).isFalse();
    }

    @Test
    void runningWithNothingRestoringIsReady() {
        readiness.onChange(State.REBALANCING, State.CREATED);
        assertThat(readiness.isReady()).isFalse();

        readiness.onChange(State.RUNNING, State.REBALANCING);

        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.state()).isEqualTo(State.RUNNING);
    }

    @Test
    void runningWhileAStoreRestoresIsNotReadyUntilItEnds() {
        readiness.onChange(State.RUNNING, State.REBALANCING);

        readiness.onRestoreStart(CHANGELOG, "kpi-totals", 0, 1000);
        readiness.onBatchRestored(CHANGELOG, "kpi-totals", 600, 600);
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.restoringStores()).isEqualTo(1);

        readiness.onBatchRestored(CHANGELOG, "kpi-totals", 1000, 400);
        readiness.onRestoreEnd(CHANGELOG, "kpi-totals", 1000);

        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.restoredRecords()).isEqualTo(1000);
        assertThat(readiness.lastRestoreRecordsPerSecond()).isPositive();
    }

    @Test
    void suspendedRestorationNoLongerBlocksReadiness() {
        readiness.onChange(State.RUNNING, State.REBALANCING);
        readiness.onRestoreStart(CHANGELOG, "kpi-totals", 0, 1000);

        readiness.onRestoreSuspended(CHANGELOG, "kpi-totals", 10);

        assertThat(readiness.isReady()).isTrue();
    }

    @Test
    void aRebalanceAfterTheFirstReadinessDoesNotWithdrawIt() {
        readiness.onChange(State.REBALANCING, State.CREATED);
        assertThat(readiness.isReady()).as("rebalancing before it ever ran").isFalse();
        readiness.onChange(State.RUNNING, State.REBALANCING);

        readiness.onChange(State.REBALANCING, State.RUNNING);

        assertThat(readiness.isReady()).isTrue();
    }

    @Test
    void anUnusableSchemaRegistryWithdrawsReadinessUntilItAnswers() {
        AtomicBoolean registryUnavailable = new AtomicBoolean();
        Readiness withRegistry = new Readiness(registryUnavailable::get);
        withRegistry.onChange(State.RUNNING, State.REBALANCING);
        assertThat(withRegistry.isReady()).isTrue();

        registryUnavailable.set(true);
        assertThat(withRegistry.isReady()).isFalse();
        assertThat(withRegistry.isLive()).as("a registry outage is no reason to restart").isTrue();

        registryUnavailable.set(false);
        assertThat(withRegistry.isReady()).isTrue();
    }

    @Test
    void failedCompletesOnlyWhenKafkaStreamsFails() {
        readiness.onChange(State.RUNNING, State.REBALANCING);
        readiness.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        readiness.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);
        assertThat(readiness.failed()).as("a clean stop").isNotDone();

        Readiness failing = new Readiness();
        failing.onChange(State.PENDING_ERROR, State.RUNNING);
        assertThat(failing.failed()).isNotDone();
        failing.onChange(State.ERROR, State.PENDING_ERROR);
        assertThat(failing.failed()).isDone();
    }

    @Test
    void failedOrStoppedInstanceIsNeitherLiveNorReady() {
        for (State dead : new State[] {State.PENDING_ERROR, State.ERROR, State.NOT_RUNNING}) {
            readiness.onChange(dead, State.RUNNING);
            assertThat(readiness.isLive()).as("live in %s", dead).isFalse();
            assertThat(readiness.isReady()).as("ready in %s", dead).isFalse();
        }
    }

    @Test
    void exposesReadinessAndRestorationAsMeters() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        readiness.bindTo(registry);
        readiness.onChange(State.RUNNING, State.REBALANCING);
        readiness.onRestoreStart(CHANGELOG, "kpi-totals", 0, 10);
        readiness.onBatchRestored(CHANGELOG, "kpi-totals", 10, 10);
        readiness.onRestoreEnd(CHANGELOG, "kpi-totals", 10);

        assertThat(registry.scrape())
                .contains("o2c_ready 1.0")
                .contains("o2c_restore_active_partitions 0.0")
                .contains("o2c_restore_records_total 10.0")
                .contains("o2c_restore_last_rate_records_per_second");
    }
}
