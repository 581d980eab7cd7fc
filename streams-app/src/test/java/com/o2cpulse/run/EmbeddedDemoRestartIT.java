package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.config.Setting;
import com.o2cpulse.config.Settings;
import com.o2cpulse.embedded.EmbeddedKafkaBroker;
import com.o2cpulse.serde.AvroClassTrust;
import com.o2cpulse.sim.SimulationPosition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded demo as {@code run} starts it, stopped and started again without {@code --fresh}: the second run
 * continues the simulated history, so the input topics hold every simulated arrival once, not a second history.
 */
class EmbeddedDemoRestartIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 2;

    @TempDir
    Path dataDir;

    @Test
    void aRestartWithoutFreshContinuesTheSimulatedHistoryInsteadOfProducingItAgain() throws Exception {
        AvroClassTrust.trustProjectClasses();
        Settings settings = demoSettings();
        Path positionFile = dataDir.resolve(O2cPulse.SIMULATION_POSITION_FILE);

        try (O2cPulse first = O2cPulse.start(settings, true)) {
            first.readiness().firstReady().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            awaitProduced(positionFile, produced -> produced > 1_000);
        }
        long afterFirstRun = SimulationPosition.load(positionFile).orElseThrow().produced();
        try (O2cPulse second = O2cPulse.start(settings, false)) {
            second.readiness().firstReady().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            awaitProduced(positionFile, produced -> produced > afterFirstRun);
        }
        long afterSecondRun = SimulationPosition.load(positionFile).orElseThrow().produced();

        assertThat(inputRecords(settings)).as("input records after two runs").isEqualTo(afterSecondRun);
        assertThat(afterSecondRun).as("the second run only adds the time since the first stopped")
                .isGreaterThan(afterFirstRun).isLessThan(2 * afterFirstRun);
    }

    private Settings demoSettings() {
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        options.put(Setting.DATA_DIR, dataDir.toString());
        options.put(Setting.HTTP_PORT, "0");
        options.put(Setting.ADVERTISED_HOST, "127.0.0.1");
        options.put(Setting.TOPIC_PARTITIONS, Integer.toString(PARTITIONS));
        options.put(Setting.SIMULATOR_HISTORY, "3h");
        // Three hours of history in about a second; afterwards the simulation goes on in real time.
        options.put(Setting.SIMULATOR_SPEED, "10000");
        return Settings.load(null, Map.of(), options, Map.of());
    }

    /** Polls the position the feed saves after each acknowledgement until it satisfies {@code reached}. */
    private static void awaitProduced(Path positionFile, LongPredicate reached) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (SimulationPosition.load(positionFile).filter(position -> reached.test(position.produced())).isEmpty()) {
            assertThat(System.nanoTime()).as("simulation position in %s reached within %s", positionFile, TIMEOUT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Every record of the input topics, counted on the demo's broker log after both runs stopped. */
    private long inputRecords(Settings settings) throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir.resolve("broker"), 0).start()) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                List<TopicPartition> partitions = new ArrayList<>();
                settings.topics().inputs().forEach(topic -> {
                    for (int p = 0; p < PARTITIONS; p++) {
                        partitions.add(new TopicPartition(topic, p));
                    }
                });
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                return admin.listOffsets(latest).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).values().stream()
                        .mapToLong(ListOffsetsResultInfo::offset).sum();
            }
        }
    }
}
