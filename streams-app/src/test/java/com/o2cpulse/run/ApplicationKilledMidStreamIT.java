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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * o2c-pulse's own exactly-once under a crash: the application runs in a JVM of its own ({@code o2c-pulse run} in
 * production mode, exactly_once_v2, against the test's broker), is killed with SIGKILL while it processes a batch
 * of input (no shutdown hook, transactions left open), is started again over the same state directory, and ends
 * with KPI topics, read {@code read_committed}, equal to the batch oracle over every event produced: nothing
 * counted twice, nothing lost.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ApplicationKilledMidStreamIT {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationKilledMidStreamIT.class);
    private static final int ORDERS = 200;

    @Test
    @Timeout(300)
    void killNineMidStreamAndRestartEndsInTheBatchOraclesKpis(TestKafka kafka, @TempDir Path dir) {
        try (PulseUnderTest pulse = PulseUnderTest.create(kafka, dir, "killed-mid-stream")) {
            pulse.startInChildJvm();
            List<SpecificRecord> tail = pulse.produceAndInterruptMidStream(PulseUnderTest.simulatedStream(17, ORDERS),
                    pulse::haltChildJvm);
            long committedAtKill = pulse.committedInputOffsets();
            LOG.info("killed mid-stream: {} of {} input records committed", committedAtKill, pulse.producedEvents());
            assertThat(committedAtKill).as("input committed before the kill: the restart resumes from it").isPositive();
            pulse.produce(tail);

            pulse.startInChildJvm();
            pulse.awaitKpisEqualTheOracle();
            pulse.awaitOrderStatusOfEveryKnownOrder();
            pulse.awaitAllInputCommitted();
            LOG.info("after kill -9 and restart: KPIs equal to the oracle {} ms after the restart",
                    Duration.between(pulse.startedAt(), Instant.now()).toMillis());
        }
    }
}
