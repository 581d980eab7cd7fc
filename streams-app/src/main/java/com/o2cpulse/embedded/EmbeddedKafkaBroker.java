package com.o2cpulse.embedded;

import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft broker and controller in one) running inside this JVM on loopback.
 *
 * <p>The data directory is formatted on the first start only; later starts on the same directory keep its
 * topics, records, offsets and cluster id. A broker instance starts once; to restart, close it and start a new
 * instance on the same directory (and the same port, if clients should keep their bootstrap address).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int BIND_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final int requestedPort;
    private final Map<String, String> brokerOverrides;

    private KafkaRaftServer server;
    private int port;
    private boolean closed;

    /**
     * @param dataDirectory the broker's log directory; created when missing, reused when already formatted
     * @param port the client port on 127.0.0.1, or 0 to pick a free one
     */
    public EmbeddedKafkaBroker(Path dataDirectory, int port) {
        this(dataDirectory, port, Map.of());
    }

    /** As {@link #EmbeddedKafkaBroker(Path, int)}, with broker settings that replace the single-node defaults. */
    public EmbeddedKafkaBroker(Path dataDirectory, int port, Map<String, String> brokerOverrides) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535: " + port);
        }
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.requestedPort = port;
        this.brokerOverrides = Map.copyOf(brokerOverrides);
    }

    /** Starts the broker and returns once it accepts client requests. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null || closed) {
            throw new IllegalStateException("an embedded broker starts once; start a new instance on " + dataDirectory);
        }
        if (requestedPort != 0 && !LoopbackPorts.isFree(requestedPort)) {
            throw new IllegalStateException("port " + requestedPort + " on " + LoopbackPorts.HOST + " is already in use");
        }
        long startNanos = System.nanoTime();
        boolean formatted = KRaftStorage.formatIfNew(dataDirectory);
        startOnFreePorts();
        awaitVisibleToClients();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        LOG.info("Kafka broker ready at {} in {} ms ({} data directory {})",
                bootstrapServers(), elapsedMillis, formatted ? "new" : "existing", dataDirectory);
        return this;
    }

    /** The address clients bootstrap from: {@code 127.0.0.1:<port>}. */
    public synchronized String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port();
    }

    /** The client port; if the broker was asked for port 0, the one it picked. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the broker has not been started");
        }
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Shuts the broker down and waits until it has stopped; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server == null) {
            return;
        }
        long startNanos = System.nanoTime();
        stop(server);
        LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private void startOnFreePorts() {
        for (int attempt = 1; ; attempt++) {
            int brokerPort = requestedPort == 0 ? LoopbackPorts.freePort() : requestedPort;
            int controllerPort = LoopbackPorts.freePort();
            KafkaRaftServer candidate = new KafkaRaftServer(KafkaConfig.fromProps(SingleNodeBrokerConfig.properties(
                    dataDirectory, brokerPort, controllerPort, brokerOverrides)), Time.SYSTEM);
            try {
                candidate.startup();
                server = candidate;
                port = brokerPort;
                return;
            } catch (RuntimeException e) {
                stop(candidate);
                // A port found free may be taken by someone else before the broker binds it: pick again.
                if (attempt == BIND_ATTEMPTS || !isBindFailure(e)) {
                    throw e;
                }
                LOG.info("Port {} or {} was taken before the broker bound it; retrying", brokerPort, controllerPort);
            }
        }
    }

    private void awaitVisibleToClients() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) READY_TIMEOUT.toMillis()))
                    .nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes != 1) {
                throw new IllegalStateException("expected the embedded broker in cluster metadata, found " + nodes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for the broker at " + bootstrapServers(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            close();
            throw new IllegalStateException("the broker at " + bootstrapServers() + " did not become ready", e);
        }
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
