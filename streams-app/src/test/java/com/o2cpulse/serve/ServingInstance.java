package com.o2cpulse.serve;

import com.o2cpulse.config.Setting;
import com.o2cpulse.config.Settings;
import com.o2cpulse.embedded.LoopbackPorts;
import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.run.O2cPulse;
import com.o2cpulse.run.TopicAdmin;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One application instance exactly as {@code run} wires it in production mode ({@link O2cPulse}: the topology from
 * the settings, the Streams settings, exception handlers, RocksDB setter, registry availability, readiness, meters
 * and the HTTP API, started in production order) against the test broker and the test class's own topics, with
 * the test's schema registry (shared with its producers) and its HTTP API adjustments.
 */
final class ServingInstance implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    final Topics topics;
    final HostInfo host;
    final O2cPulse app;
    final KafkaStreams streams;
    final HttpApi api;
    final ApiClient client;

    private ServingInstance(TestKafka kafka, Topics topics, String applicationId, Path stateDir, O2cSerdes serdes,
                            UnaryOperator<HttpApiSettings> settings, Map<String, Object> streamsOverrides) {
        this.topics = topics;
        host = new HostInfo(HOST, LoopbackPorts.freePort());
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        options.put(Setting.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        options.put(Setting.APPLICATION_ID, applicationId);
        options.put(Setting.TOPIC_PREFIX, topics.prefix());
        options.put(Setting.STATE_DIR, stateDir.toString());
        options.put(Setting.DATA_DIR, stateDir.resolveSibling(stateDir.getFileName() + "-data").toString());
        options.put(Setting.HTTP_PORT, Integer.toString(host.port()));
        options.put(Setting.ADVERTISED_HOST, HOST);
        Map<String, String> kafkaSettings = new TreeMap<>();
        streamsOverrides.forEach((key, value) -> kafkaSettings.put(key, String.valueOf(value)));
        app = O2cPulse.start(Settings.load(null, Map.of(), options, kafkaSettings), serdes.registry(), settings);
        streams = app.streams();
        api = app.httpApi();
        client = new ApiClient(api.port(), settings.apply(HttpApiSettings.defaults(host.port())).security().readerToken()
                .map(token -> "Bearer " + token.reveal()).orElse(null));
    }

    /**
     * @param topics           the test class's own topics: the classes share one broker, and records another class
     *                         left in the default topics would satisfy this one's waits before its instance has
     *                         processed anything
     * @param settings         adjusts the HTTP API settings that the application's settings give
     * @param streamsOverrides Kafka client and Streams settings, as {@code KAFKA_*} variables would give them
     */
    static ServingInstance start(TestKafka kafka, Topics topics, String applicationId, Path stateDir, O2cSerdes serdes,
                                 UnaryOperator<HttpApiSettings> settings, Map<String, Object> streamsOverrides) {
        return new ServingInstance(kafka, topics, applicationId, stateDir, serdes, settings, streamsOverrides);
    }

    /** Every topic the application reads or writes, with {@code partitions} partitions each. */
    static void createTopics(TestKafka kafka, Topics topics, int partitions) {
        List<NewTopic> created = new ArrayList<>();
        TopicAdmin.topicConfigs(topics).forEach((name, config) -> created.add(new NewTopic(name, partitions, (short) 1).configs(config)));
        kafka.createTopics(created.toArray(NewTopic[]::new));
    }

    void awaitReady(Duration timeout) {
        Await.until("instance " + host + " ready", timeout, app.readiness()::isReady, ready -> ready);
    }

    @Override
    public void close() {
        app.close();
    }
}
