package com.o2cpulse.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Broker settings for one KRaft node that is broker and controller at once, listening on loopback only. */
final class SingleNodeBrokerConfig {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private SingleNodeBrokerConfig() {
    }

    static Properties properties(Path logDirectory, int brokerPort, int controllerPort, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // A static voter set: the controller port is not stored in the metadata log, so it may differ per start.
        p.put("controller.quorum.voters", NODE_ID + "@" + LoopbackPorts.HOST + ":" + controllerPort);
        p.put("listeners", BROKER_LISTENER + "://" + LoopbackPorts.HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + LoopbackPorts.HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + LoopbackPorts.HOST + ":" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDirectory.toAbsolutePath().toString());

        putSingleReplicaInternalTopics(p);
        putFastGroupStart(p);
        putSmallCompactionFootprint(p);

        p.putAll(overrides);
        return p;
    }

    private static void putSingleReplicaInternalTopics(Properties p) {
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Fewer coordinator partitions make the first group and the first transaction start faster.
        // These decide which partition owns a group or transactional id: never change them for an existing directory.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
    }

    private static void putFastGroupStart(Properties p) {
        // A demo or test starts its members together; waiting for latecomers only delays the first assignment
        // (a member that joins later triggers a rebalance of its own).
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        // The streams protocol (KIP-1071) hands out assignments on heartbeats and recomputes them at most once per
        // assignment interval; with the defaults (5 s, 1 s) a new Kafka Streams app needs 6-9 s to reach RUNNING here,
        // with these about 2 s.
        p.put("group.streams.min.heartbeat.interval.ms", "500");
        p.put("group.streams.heartbeat.interval.ms", "500");
        p.put("group.streams.assignment.interval.ms", "100");
    }

    private static void putSmallCompactionFootprint(Properties p) {
        // The cleaner reserves this buffer on the heap up front; the 128 MiB default dwarfs everything else here.
        p.put("log.cleaner.dedupe.buffer.size", "4194304");
        p.put("log.cleaner.io.buffer.size", "262144");
        // Only closed segments are compacted: small segments and a short cleaner backoff let a demo see compaction.
        p.put("log.segment.bytes", "8388608");
        p.put("log.cleaner.backoff.ms", "2000");
        p.put("log.segment.delete.delay.ms", "1000");
        p.put("log.index.size.max.bytes", "1048576");
    }
}
