package com.o2cpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The recipe for multi-broker tests: three brokers and one controller from Kafka's own test kit, in this JVM.
 * Opt-in ({@code -Do2c.multiBroker=true}): it costs 4-10 s.
 *
 * <p>One controller, not three: with three controller voters, 4.3.1 followers often die in their raft IO thread
 * ("Received unexpected invalid request error" on an UpdateRaftVoter response) and the cluster stops making
 * progress, more often the busier the machine is.
 */
@EnabledIfSystemProperty(named = "o2c.multiBroker", matches = "true")
class ThreeBrokerClusterTestKitTest {

    @Test
    void threeBrokersReplicateATopicWithMinInSyncReplicasTwo() throws Exception {
        // close() of the test kit is not idempotent: close it exactly once.
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                // The test kit's default is the newest unreleased metadata version; run what production runs.
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(true)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(3)
                .build())
                .setConfigProp("log.cleaner.dedupe.buffer.size", "4194304")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();

            try (Admin admin = cluster.admin(); TestKafka kafka = TestKafka.connectedTo(cluster.bootstrapServers())) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
                kafka.createTopics(new NewTopic("replicated", 3, (short) 3).configs(Map.of("min.insync.replicas", "2")));
                kafka.produceStrings("replicated", KeyValue.pair("order-1", "OPEN"));

                assertThat(kafka.readAllCommittedStrings("replicated")).hasSize(1);
                assertThat(admin.describeTopics(List.of("replicated")).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get("replicated").partitions())
                        .allSatisfy(partition -> assertThat(partition.isr()).hasSize(3));
            }
        }
    }
}
