package com.o2cpulse.serde;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code registry}: a Confluent-compatible schema registry over HTTP, in memory, for local clusters whose producers
 * and instances run as separate processes. Its schemas last as long as the process.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Runs an in-memory, Confluent-compatible schema registry over HTTP (for local clusters and tests) "
                + "until stopped with Ctrl-C or SIGTERM.")
public final class RegistryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8081", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Override
    public Integer call() throws InterruptedException {
        SchemaRegistryServer server = SchemaRegistryServer.start(host, port);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closed.countDown();
        }, "registry-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("registry: listening on " + server.url());
        out.flush();
        closed.await();
        return 0;
    }
}
