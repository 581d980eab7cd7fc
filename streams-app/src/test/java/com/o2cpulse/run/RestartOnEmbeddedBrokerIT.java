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
class RestartOnEmbeddedBrokerIT {

    private static final Logger LOG = LoggerFactory.getLogger(RestartOnEmbeddedBrokerIT.class);
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

    /** Starts the application and stops it cleanly mid-stream; returns the events to produce while it is down. */
    private static List<SpecificRecord> runUntilSomeKpiOutputThenStop(PulseUnderTest pulse, long seed) {
        pulse.start();
        List<SpecificRecord> tail = pulse.produceAndInterruptMidStream(PulseUnderTest.simulatedStream(seed, ORDERS), pulse::stop);
        LOG.info("stopped mid-stream: {} input records committed, KPIs {} differences away from those of the input",
                pulse.committedInputOffsets(), pulse.kpiDifferences().size());
        return tail;
    }
}
