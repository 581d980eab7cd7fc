package com.o2cpulse.serve;

import com.o2cpulse.config.StreamsProperties;
import com.o2cpulse.embedded.LoopbackPorts;
import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.ops.PrometheusPipelineMetrics;
import com.o2cpulse.ops.Readiness;
import com.o2cpulse.ops.StandardMeters;
import com.o2cpulse.run.TopicAdmin;
import com.o2cpulse.topology.KpiTopology;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.PipelineMetrics;
import com.o2cpulse.topology.Topics;
import com.o2cpulse.topology.TopologySettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One application instance as the runtime wires it: the production topology and Streams settings, pipeline
 * metrics, readiness, standard meters and the HTTP API on {@code application.server}'s port.
 */
final class ServingInstance implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    final Topics topics;
    final HostInfo host;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Readiness readiness = new Readiness();
    final KafkaStreams streams;
    final StandardMeters meters;
    final HttpApi api;
    final ApiClient client;

    private ServingInstance(TestKafka kafka, Topics topics, String applicationId, Path stateDir, O2cSerdes serdes,
                            UnaryOperator<HttpApiSettings> settings, Map<String, Object> streamsOverrides) {
        this.topics = topics;
        host = new HostInfo(HOST, LoopbackPorts.freePort());
        PipelineMetrics metrics = new PrometheusPipelineMetrics(registry, topics);
        Properties properties = StreamsProperties.base(applicationId, kafka.bootstrapServers(), topics);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port());
        properties.put(PipelineMetrics.CONFIG_KEY, metrics);
        properties.putAll(streamsOverrides);
        streams = new KafkaStreams(KpiTopology.build(TopologySettings.DEFAULT.withTopics(topics), serdes, metrics), properties);
        readiness.registerOn(streams);
        readiness.bindTo(registry);
        meters = StandardMeters.bind(registry, streams);
        HttpApiSettings apiSettings = settings.apply(HttpApiSettings.defaults(host.port()));
        api = new HttpApi(streams, host, topics, TopologySettings.DEFAULT.rules(), serdes, registry, readiness,
                kafka.clientProperties(), apiSettings).start();
        api.streamChanges();
        client = new ApiClient(api.port(), apiSettings.security().readerToken().map(token -> "Bearer " + token.reveal()).orElse(null));
        streams.start();
    }

    /**
     * @param topics the test class's own topics: the classes share one broker, and records another class left in
     *               the default topics would satisfy this one's waits before its instance has processed anything
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
        Await.until("instance " + host + " ready", timeout, readiness::isReady, ready -> ready);
    }

    @Override
    public void close() {
        api.close();
        streams.close(Duration.ofSeconds(30));
        meters.close();
        registry.close();
    }
}
