package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.embedded.KafkaBrokerExtension;
import com.o2cpulse.embedded.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application as production runs it, on a real broker: a simulated stream produced through the real serde,
 * shuffled, partly redelivered and keyed by anything, ends in KPI topics equal to the batch recomputation.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SimulatedStreamOnEmbeddedBrokerIT {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedStreamOnEmbeddedBrokerIT.class);
    private static final int ORDERS = 250;

    @Test
    void kpiTopicsEqualTheBatchRecomputationOfASimulatedStream(TestKafka kafka, @TempDir Path dir) {
        List<SpecificRecord> events = PulseUnderTest.simulatedStream(42, ORDERS);
        try (PulseUnderTest pulse = PulseUnderTest.create(kafka, dir, "sim-stream",
                ZoneId.of("America/New_York"), Duration.ofHours(8))) {
            pulse.start();
            Instant producing = Instant.now();
            pulse.produce(events);
            Instant produced = Instant.now();

            pulse.awaitKpisEqualTheOracle();
            Instant equal = Instant.now();
            pulse.awaitOrderStatusOfEveryKnownOrder();

            assertThat(pulse.expectedKpis().values()).allSatisfy(keys -> assertThat(keys).isNotEmpty());
            assertThat(pulse.kpiDifferences()).isEmpty();
            Duration firstKpi = Duration.between(pulse.startedAt(), pulse.firstKpiPublishedAt());
            Duration untilEqual = Duration.between(producing, equal);
            LOG.info("{} events ({} orders) produced in {} ms; first KPI record published {} ms after O2cPulse.start; "
                            + "KPIs equal to the oracle {} ms after start, {} ms after producing began: {} events/s",
                    pulse.producedEvents(), ORDERS, Duration.between(producing, produced).toMillis(), firstKpi.toMillis(),
                    Duration.between(pulse.startedAt(), equal).toMillis(), untilEqual.toMillis(),
                    Math.round(pulse.producedEvents() * 1000.0 / Math.max(1, untilEqual.toMillis())));
        }
    }
}
