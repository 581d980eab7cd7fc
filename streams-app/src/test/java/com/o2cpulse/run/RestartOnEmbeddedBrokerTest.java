package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.embedded.KafkaBrokerExtension;
import com.o2cpulse.embedded.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping the application mid-stream and starting it again, with its state directory or without it (the stores
 * then come back from their changelog topics), ends in the same KPIs as an uninterrupted run: the batch oracle's.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RestartOnEmbeddedBrokerTest {

    private static final Logger LOG = LoggerFactory.getLogger(RestartOnEmbeddedBrokerTest.class);
    private static final int ORDERS = 200;

    @Test
    void restartWithItsStateDirectoryGivesTheSameFinalKpis(TestKafka kafka, @TempDir Path dir) {
        try (PulseUnderTest pulse = PulseUnderTest.create(kafka, dir, "restart-kept")) {
            List<SpecificRecord> tail = runUntilSomeKpiOutputThenStop(pulse, 11);
            pulse.produce(tail);

            pulse.start();
            pulse.awaitKpisEqualTheOracle();
            pulse.awaitOrderStatusOfEveryKnownOrder();
            LOG.info("restart with the state directory: KPIs equal to the oracle {} ms after the restart",
                    Duration.between(pulse.startedAt(), Instant.now()).toMillis());
        }
    }

    @Test
    void restartWithTheStateDirectoryWipedRestoresTheStoresFromTheirChangelogsAndGivesTheSameFinalKpis(TestKafka kafka,
            @TempDir Path dir) {
        try (PulseUnderTest pulse = PulseUnderTest.create(kafka, dir, "restart-wiped")) {
            List<SpecificRecord> tail = runUntilSomeKpiOutputThenStop(pulse, 13);
            pulse.produce(tail);
            pulse.wipeStateDirectory();

            assertThat(pulse.settings().stateDir()).doesNotExist();
            long committed = pulse.committedInputOffsets();
            long changelog = pulse.changelogRecords();
            assertThat(committed).as("input offsets committed before the stop: the restart resumes from them").isPositive();
            assertThat(changelog).as("records in the changelog topics to restore").isPositive();

            pulse.start();
            pulse.awaitKpisEqualTheOracle();
            pulse.awaitOrderStatusOfEveryKnownOrder();
            assertThat(pulse.settings().stateDir()).isNotEmptyDirectory();
            LOG.info("restart with the state directory wiped: resumed after {} committed input records, restored up to {} "
                            + "changelog records; KPIs equal to the oracle {} ms after the restart", committed, changelog,
                    Duration.between(pulse.startedAt(), Instant.now()).toMillis());
        }
    }

    /**
     * Starts the application and produces three fifths of a simulated stream; once some KPIs are out, produces the
     * fourth fifth and stops the application at once, while it processes it. Returns the last fifth, to be produced
     * while the application is down.
     */
    private static List<SpecificRecord> runUntilSomeKpiOutputThenStop(PulseUnderTest pulse, long seed) {
        List<SpecificRecord> events = PulseUnderTest.simulatedStream(seed, ORDERS);
        int first = events.size() * 3 / 5;
        int second = events.size() * 4 / 5;
        pulse.start();
        pulse.produce(events.subList(0, first));
        pulse.awaitSomeKpiOutput();
        pulse.produce(events.subList(first, second));
        pulse.stop();
        LOG.info("stopped mid-stream: {} of {} input records committed, KPIs {} differences away from those of the input",
                pulse.committedInputOffsets(), second, pulse.kpiDifferences().size());
        return events.subList(second, events.size());
    }
}
