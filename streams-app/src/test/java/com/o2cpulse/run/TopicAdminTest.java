package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.config.SettingsException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class TopicAdminTest {

    private static final Node BROKER = new Node(1, "127.0.0.1", 9092);

    /** Answers describeTopics from a script; no request reaches the (unreachable) bootstrap server. */
    private static final class ScriptedAdmin extends ForwardingAdmin {
        final AtomicInteger calls = new AtomicInteger();
        private final List<KafkaFuture<TopicDescription>> answers;

        ScriptedAdmin(List<KafkaFuture<TopicDescription>> answers) {
            super(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"));
            this.answers = answers;
        }

        @Override
        public DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
            KafkaFuture<TopicDescription> answer = answers.get(Math.min(calls.getAndIncrement(), answers.size() - 1));
            return new DescribeTopicsResult(null, Map.of("o2c.orders", answer)) {
            };
        }
    }

    private static KafkaFuture<TopicDescription> failed(RuntimeException e) {
        return KafkaFuture.<TopicDescription>completedFuture(null).thenApply(ignored -> {
            throw e;
        });
    }

    private static KafkaFuture<TopicDescription> ledBy(Node leader) {
        return KafkaFuture.completedFuture(new TopicDescription("o2c.orders", false,
                List.of(new TopicPartitionInfo(0, leader, List.of(BROKER), List.of(BROKER)))));
    }

    @Test
    void aTopicTheBrokerDoesNotKnowYetIsWaitedFor() {
        try (ScriptedAdmin admin = new ScriptedAdmin(List.of(
                failed(new UnknownTopicOrPartitionException("This server does not host this topic-partition.")),
                failed(new UnknownTopicOrPartitionException("This server does not host this topic-partition.")),
                ledBy(null),
                ledBy(BROKER)))) {
            TopicAdmin.awaitLeaders(admin, List.of("o2c.orders"));

            assertThat(admin.calls).hasValue(4);
        }
    }

    @Test
    void otherDescribeErrorsStopAtOnceWithTheirCause() {
        try (ScriptedAdmin admin = new ScriptedAdmin(List.of(failed(new TopicAuthorizationException("not authorized to describe o2c.orders"))))) {
            assertThatThrownBy(() -> TopicAdmin.awaitLeaders(admin, List.of("o2c.orders")))
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining("not authorized to describe o2c.orders");
            assertThat(admin.calls).hasValue(1);
        }
    }

    @Test
    void stateOfRelease01IsRefusedNamingTheResetProcedure() {
        assertThatThrownBy(() -> TopicAdmin.refuseEarlierReleaseState(
                java.util.Set.of("o2c.orders", "o2c-pulse-order-lifecycles-changelog"), "o2c-pulse"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("o2c-pulse 0.1").hasMessageContaining("Upgrading").hasMessageContaining("--fresh");
    }

    @Test
    void stateOfThisReleaseOrAnotherApplicationStarts() {
        org.assertj.core.api.Assertions.assertThatCode(() -> TopicAdmin.refuseEarlierReleaseState(java.util.Set.of("o2c.orders", "o2c-pulse-order-states-changelog",
                "other-app-order-lifecycles-changelog"), "o2c-pulse")).doesNotThrowAnyException();
    }
}
