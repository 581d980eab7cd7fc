package com.o2cpulse.run;

import com.o2cpulse.config.Settings;
import com.o2cpulse.binary.FormatVersion;
import com.o2cpulse.config.SettingsException;
import com.o2cpulse.topology.StoreNames;
import com.o2cpulse.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks that the application's topics exist, or creates the missing ones when asked to. */
public final class TopicAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    /** How long the start waits for the cluster to answer (README, "Operating it"). */
    static final Duration KAFKA_WAIT = Duration.ofSeconds(60);

    private TopicAdmin() {
    }

    /** Topic name → its configuration: KPI and order-status topics compacted, the others kept by time. */
    public static Map<String, Map<String, String>> topicConfigs(Topics topics) {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        topics.inputs().forEach(t -> configs.put(t, Map.of()));
        topics.compacted().forEach(t -> configs.put(t, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        configs.put(topics.exceptions(), Map.of());
        configs.put(topics.lateEvents(), Map.of());
        configs.put(topics.deadLetters(), Map.of());
        return configs;
    }

    static void ensureTopics(Admin admin, Settings settings) {
        Map<String, Map<String, String>> wanted = topicConfigs(settings.topics());
        Set<String> existing;
        try {
            existing = admin.listTopics(new ListTopicsOptions().timeoutMs((int) KAFKA_WAIT.toMillis()))
                    .names().get(KAFKA_WAIT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SettingsException("interrupted while listing topics");
        } catch (ExecutionException | TimeoutException e) {
            throw new SettingsException("no answer from Kafka at " + settings.get(com.o2cpulse.config.Setting.BOOTSTRAP_SERVERS)
                    + " within " + KAFKA_WAIT.toSeconds() + " s (bootstrap.servers, O2C_BOOTSTRAP_SERVERS): " + rootMessage(e));
        }
        refuseEarlierReleaseState(existing, settings.applicationId());
        List<String> missing = wanted.keySet().stream().filter(t -> !existing.contains(t)).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (!settings.createTopics()) {
            throw new SettingsException("missing topics: " + String.join(", ", missing)
                    + " (create them, or start with --create-topics)");
        }
        Optional<Short> replication = settings.topicReplicationFactor() < 0 ? Optional.empty()
                : Optional.of((short) settings.topicReplicationFactor());
        List<NewTopic> create = new ArrayList<>();
        for (String topic : missing) {
            create.add(new NewTopic(topic, Optional.of(settings.topicPartitions()), replication).configs(wanted.get(topic)));
        }
        try {
            admin.createTopics(create).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SettingsException("interrupted while creating topics");
        } catch (ExecutionException | TimeoutException e) {
            throw new SettingsException("cannot create topics " + String.join(", ", missing) + ": " + rootMessage(e));
        }
        awaitLeaders(admin, missing);
        LOG.info("created topics {} ({} partitions)", missing, settings.topicPartitions());
    }

    /**
     * New partitions take a moment to get a leader, and a broker other than the controller may not know a new topic
     * yet ("does not host this topic-partition"); producing before that only yields retries and warnings.
     */
    /**
     * Release 0.1 kept order state as Avro event lists; this release reads neither its stores nor its changelogs,
     * so it refuses to start on them rather than read them as something else.
     */
    static void refuseEarlierReleaseState(Set<String> existingTopics, String applicationId) {
        String changelog = applicationId + "-" + StoreNames.RELEASE_0_1_LIFECYCLES + "-changelog";
        if (existingTopics.contains(changelog)) {
            throw new SettingsException("application " + applicationId + " has state of o2c-pulse 0.1 (topic " + changelog
                    + "), which this release does not read: reset the application as " + FormatVersion.RESET_PROCEDURE
                    + " describes (the embedded demo: run --fresh)");
        }
    }

    public static void awaitLeaders(Admin admin, List<String> topics) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (!allLed(admin, topics)) {
                if (System.nanoTime() > deadline) {
                    throw new SettingsException("topics " + topics + " have partitions without a leader after 30 s");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SettingsException("interrupted while waiting for topic leaders");
        }
    }

    private static boolean allLed(Admin admin, List<String> topics) throws InterruptedException {
        try {
            return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new SettingsException("cannot describe topics " + topics + ": " + rootMessage(e));
        } catch (TimeoutException e) {
            throw new SettingsException("cannot describe topics " + topics + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
