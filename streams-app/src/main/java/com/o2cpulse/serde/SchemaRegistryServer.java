package com.o2cpulse.serde;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small Confluent-compatible schema registry over HTTP, backed by an {@link InMemorySchemaRegistry}, for tests and
 * local clusters: the REST API of schemas, subjects, versions, compatibility checks and configuration, soft and
 * permanent deletes (see {@link RegistryRequestHandler}), optionally behind HTTP basic authentication.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final int HANDLER_THREADS = 4;
    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final InMemorySchemaRegistry registry;
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SchemaRegistryServer(HttpServer server, ExecutorService executor, InMemorySchemaRegistry registry,
            String host) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
        this.host = host;
    }

    /** Starts a server with a new, empty registry on {@code host} and {@code port} (0 picks a free port). */
    public static SchemaRegistryServer start(String host, int port) {
        return start(host, port, new InMemorySchemaRegistry());
    }

    /** Starts a server over {@code registry} on {@code host} and {@code port} (0 picks a free port). */
    public static SchemaRegistryServer start(String host, int port, InMemorySchemaRegistry registry) {
        return start(host, port, registry, Optional.empty());
    }

    /**
     * As {@link #start(String, int, InMemorySchemaRegistry)}; with {@code basicAuthUserInfo} ({@code user:password})
     * every request must authenticate with it (HTTP basic), or is answered 401.
     */
    public static SchemaRegistryServer start(String host, int port, InMemorySchemaRegistry registry,
                                             Optional<String> basicAuthUserInfo) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the schema registry on " + host + ":" + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads());
        server.createContext("/", new RegistryRequestHandler(registry, basicAuthUserInfo));
        server.setExecutor(executor);
        server.start();
        SchemaRegistryServer started = new SchemaRegistryServer(server, executor, registry, host);
        log.info("schema registry listening on {}", started.url());
        return started;
    }

    /** The port the server is bound to. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}; loopback when bound to all interfaces. */
    public String url() {
        String clientHost = server.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1" : host;
        return "http://" + (clientHost.contains(":") ? "[" + clientHost + "]" : clientHost) + ":" + port();
    }

    /** The registry behind the server. */
    public InMemorySchemaRegistry registry() {
        return registry;
    }

    /** Stops listening at once and ends the handler threads; closing again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        log.info("schema registry on port {} stopped", server.getAddress().getPort());
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
