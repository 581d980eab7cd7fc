package com.o2cpulse.dashboard;

import com.o2cpulse.config.Setting;
import com.o2cpulse.config.Settings;
import com.o2cpulse.embedded.LoopbackPorts;
import com.o2cpulse.run.O2cPulse;
import com.o2cpulse.serde.AvroClassTrust;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The embedded application exactly as {@code run} starts it (broker, mock registry, simulator, HTTP API), with a
 * simulation that catches up a few hours of history fast so that shipments and invoices exist within seconds.
 */
final class EmbeddedApplication implements DashboardBrowserIT.AppUnderTest {

    private final Settings settings;
    private final int port = LoopbackPorts.freePort();
    private O2cPulse app;
    private String knownOrderId;

    EmbeddedApplication() throws Exception {
        AvroClassTrust.trustProjectClasses();
        Path dataDir = Files.createTempDirectory("o2c-dashboard-test");
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        options.put(Setting.DATA_DIR, dataDir.toString());
        options.put(Setting.HTTP_PORT, Integer.toString(port));
        options.put(Setting.ADVERTISED_HOST, "127.0.0.1");
        options.put(Setting.SIMULATOR_HISTORY, "6h");
        options.put(Setting.SIMULATOR_SPEED, "1200");
        options.put(Setting.TOPIC_PARTITIONS, "2");
        settings = Settings.load(null, Map.of(), options, Map.of());
        app = O2cPulse.start(settings, true);
        app.readiness().firstReady().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The first order that reached the order-status topic. */
    @Override
    public synchronized String knownOrderId() {
        if (knownOrderId == null) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "dashboard-test");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(settings.topics().orderStatus()));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (knownOrderId == null && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        knownOrderId = record.key();
                        break;
                    }
                }
            }
            if (knownOrderId == null) {
                throw new IllegalStateException("no order reached " + settings.topics().orderStatus() + " within 60 s");
            }
        }
        return knownOrderId;
    }

    /** Stops and starts the application on the same port and data directory, as an operator's restart would. */
    @Override
    public void restart(Runnable whileStopped) throws Exception {
        app.close();
        whileStopped.run();
        app = O2cPulse.start(settings, false);
        app.readiness().firstReady().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Processing stops (the simulator keeps producing), so no KPI changes; the stores still answer queries. */
    @Override
    public void pauseUpdates() {
        app.streams().pause();
    }

    @Override
    public void resumeUpdates() {
        app.streams().resume();
    }

    @Override
    public void close() {
        app.close();
    }
}
