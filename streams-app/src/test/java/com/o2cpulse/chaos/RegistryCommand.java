package com.o2cpulse.chaos;

import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.serde.SchemaRegistryServer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code registry}: a Confluent-compatible schema registry over HTTP for local clusters whose producers and instances
 * run as separate processes. It keeps its schemas in a journal in its data directory, so that ids stay the same
 * across restarts (the topics hold them).
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Runs a Confluent-compatible schema registry over HTTP (for local clusters and tests) until stopped "
                + "with Ctrl-C or SIGTERM. Schemas, deletes and compatibility settings are kept in --data-dir, so ids "
                + "stay the same across restarts.")
public final class RegistryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8081", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "o2c-registry",
            description = "Directory of the schema journal, schemas.jsonl (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    // From the environment by default: a password on the command line is visible to every user of the machine.
    @Option(names = "--basic-auth-user-info", paramLabel = "USER:PASSWORD", defaultValue = "${env:O2C_REGISTRY_BASIC_AUTH_USER_INFO}",
            description = "Require HTTP basic authentication with these credentials (default: the environment variable "
                    + "O2C_REGISTRY_BASIC_AUTH_USER_INFO; none when unset).")
    private String basicAuthUserInfo;

    @Override
    public Integer call() throws InterruptedException {
        if (basicAuthUserInfo != null && !basicAuthUserInfo.isEmpty() && !basicAuthUserInfo.contains(":")) {
            spec.commandLine().getErr().println("registry: --basic-auth-user-info must be USER:PASSWORD");
            return 2;
        }
        Optional<String> credentials = Optional.ofNullable(basicAuthUserInfo).filter(userInfo -> !userInfo.isEmpty());
        SchemaRegistryServer server = SchemaRegistryServer.start(host, port,
                InMemorySchemaRegistry.persistentIn(dataDir.resolve("schemas.jsonl")), credentials);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closed.countDown();
        }, "registry-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("registry: listening on " + server.url() + " (schemas in " + dataDir.resolve("schemas.jsonl")
                + (credentials.isPresent() ? ", basic authentication required)" : ")"));
        out.flush();
        closed.await();
        return 0;
    }
}
