package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.embedded.KafkaBrokerExtension;
import com.o2cpulse.embedded.LoopbackPorts;
import com.o2cpulse.embedded.TestKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A Kafka Streams failure that no retry can mend (here: an input topic deleted under a running instance) ends
 * {@code run} after a clean close, with exit code 1 and one line on stderr, instead of a process that stays up with
 * only its liveness probe failing.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FatalStreamsErrorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aFatalKafkaStreamsErrorClosesTheInstanceAndExits1(TestKafka kafka, @TempDir Path dir) throws Exception {
        int port = LoopbackPorts.freePort();
        Path config = Files.write(dir.resolve("fatal.properties"), List.of("bootstrap.servers=" + kafka.bootstrapServers(),
                "application.id=fatal", "topic.prefix=fatal.", "create.topics=true", "topic.partitions=1",
                "data.dir=" + dir.resolve("data"), "http.port=" + port));
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RunCommand()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> command.execute("--config", config.toString()));
        awaitReady(port, exit);

        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.deleteTopics(List.of("fatal.orders")).all().get(30, TimeUnit.SECONDS);
        }

        assertThat(exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isEqualTo(1);
        assertThat(err.toString().lines().toList()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("o2c-pulse: Kafka Streams failed"));
    }

    private static void awaitReady(int port, CompletableFuture<Integer> exit) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(exit).as("run ended before it was ready").isNotDone();
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the HTTP server is not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the instance was not ready within " + TIMEOUT);
    }
}
