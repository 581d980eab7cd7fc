package com.o2cpulse.embedded;

import static com.o2cpulse.embedded.TestKafka.latestValuePerKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    private static final String TOPIC = "order-status";

    @Test
    void compactedTopicKeepsLatestValuePerKeyAfterRestartOnTheSameDirectory(@TempDir Path dataDir) throws Exception {
        int port;
        String clusterId;
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, 0).start();
             TestKafka kafka = TestKafka.connectedTo(broker.bootstrapServers())) {
            port = broker.port();
            clusterId = clusterId(kafka);
            kafka.createTopics(new NewTopic(TOPIC, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            kafka.produceStrings(TOPIC, KeyValue.pair("order-1", "ALLOCATED"), KeyValue.pair("order-2", "OPEN"),
                    KeyValue.pair("order-1", "SHIPPED"));
        }

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, port).start();
             TestKafka kafka = TestKafka.connectedTo(broker.bootstrapServers())) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(clusterId(kafka)).as("same cluster: the directory was not formatted again").isEqualTo(clusterId);
            assertThat(cleanupPolicy(kafka, TOPIC)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(latestValuePerKey(kafka.readAllCommittedStrings(TOPIC)))
                    .containsOnly(Map.entry("order-1", "SHIPPED"), Map.entry("order-2", "OPEN"));

            kafka.produceStrings(TOPIC, KeyValue.pair("order-2", "INVOICED"));
            assertThat(latestValuePerKey(kafka.readAllCommittedStrings(TOPIC)))
                    .containsOnly(Map.entry("order-1", "SHIPPED"), Map.entry("order-2", "INVOICED"));
        }
    }

    @Test
    void closingTwiceOrWithoutStartingIsHarmless(@TempDir Path dataDir) {
        EmbeddedKafkaBroker neverStarted = new EmbeddedKafkaBroker(dataDir.resolve("unused"), 0);
        neverStarted.close();
        neverStarted.close();

        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, 0).start();
        broker.close();
        broker.close();

        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startFailsFastWhenTheRequestedPortIsTaken(@TempDir Path dataDir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, taken.getLocalPort());

            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }

    private static String clusterId(TestKafka kafka) throws Exception {
        return kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }

    private static String cleanupPolicy(TestKafka kafka, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        ConfigEntry entry = kafka.admin().describeConfigs(List.of(resource)).all()
                .get(30, TimeUnit.SECONDS).get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG);
        return entry.value();
    }
}
