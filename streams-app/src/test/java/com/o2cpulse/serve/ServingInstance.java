package com.o2cpulse.serve;

import com.o2cpulse.config.Setting;
import com.o2cpulse.config.Settings;
import com.o2cpulse.embedded.LoopbackPorts;
import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.run.O2cPulse;
import com.o2cpulse.run.TopicAdmin;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.Topics;
import com.o2cpulse.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One application instance exactly as {@code run} wires it ({@link O2cPulse}: the production topology, Streams
 * settings, handlers, RocksDB setter, readiness, meters and the HTTP API, started in production order) against the
 * test broker, with the test's schema registry and HTTP API timings.
 */
final class ServingInstance implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final Topics TOPICS = TopologySettings.DEFAULT.topics();

    final HostInfo host;
    final O2cPulse app;
    final KafkaStreams streams;
    final HttpApi api;
    final ApiClient client;

    private ServingInstance(TestKafka kafka, String applicationId, Path stateDir, O2cSerdes serdes,
                            UnaryOperator<HttpApiSettings> settings, Map<String, Object> streamsOverrides) {
        host = new HostInfo(HOST, LoopbackPorts.freePort());
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        options.put(Setting.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        options.put(Setting.APPLICATION_ID, applicationId);
        options.put(Setting.STATE_DIR, stateDir.toString());
        options.put(Setting.DATA_DIR, stateDir.resolveSibling(stateDir.getFileName() + "-data").toString());
        options.put(Setting.HTTP_PORT, Integer.toString(host.port()));
        options.put(Setting.ADVERTISED_HOST, HOST);
        Map<String, String> kafkaSettings = new HashMap<>();
        streamsOverrides.forEach((key, value) -> kafkaSettings.put(key, String.valueOf(value)));
        app = O2cPulse.startForTest(Settings.load(null, Map.of(), options, kafkaSettings), serdes.registry(), settings);
        streams = app.streams();
        api = app.httpApi();
        client = new ApiClient(api.port(), settings.apply(HttpApiSettings.defaults(host.port())).security().readerToken()
                .map(token -> "Bearer " + token.reveal()).orElse(null));
    }

    static ServingInstance start(TestKafka kafka, String applicationId, Path stateDir, O2cSerdes serdes,
                                 UnaryOperator<HttpApiSettings> settings, Map<String, Object> streamsOverrides) {
        return new ServingInstance(kafka, applicationId, stateDir, serdes, settings, streamsOverrides);
    }

    /** Every topic the application reads or writes, with {@code partitions} partitions each. */
    static void createTopics(TestKafka kafka, int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        TopicAdmin.topicConfigs(TOPICS).forEach((name, config) -> topics.add(new NewTopic(name, partitions, (short) 1).configs(config)));
        kafka.createTopics(topics.toArray(NewTopic[]::new));
    }

    static String kpiTopic(KpiFamily family) {
        return TOPICS.kpi(family);
    }

    void awaitReady(Duration timeout) {
        Await.until("instance " + host + " ready", timeout, app.readiness()::isReady, ready -> ready);
    }

    @Override
    public void close() {
        app.close();
    }
}
