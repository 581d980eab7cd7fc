package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.o2cpulse.embedded.KafkaBrokerExtension;
import com.o2cpulse.embedded.TestKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run} against a real broker when something outside the application is wrong: one line on stderr, exit
 * code 2, and nothing created on the cluster nor any group joined.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StartupFailureIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aPortInUseIsOneLineAndExit2BeforeAnyTopicOrGroup(TestKafka kafka) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Outcome outcome = run(kafka, "port-in-use", List.of("http.port=" + taken.getLocalPort()), List.of());

            outcome.assertOneLineAndExit2("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        assertNothingCreatedOn(kafka, "port-in-use");
    }

    @Test
    void anUnwritableStateDirectoryIsOneLineAndExit2(TestKafka kafka) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        Outcome outcome = run(kafka, "state-dir", List.of("state.dir=" + file.resolve("state")), List.of());

        outcome.assertOneLineAndExit2("cannot write to state.dir (O2C_STATE_DIR)");
        assertNothingCreatedOn(kafka, "state-dir");
    }

    @Test
    void aRegistryTrustStoreWithAWrongPasswordIsOneLineAndExit2(TestKafka kafka) throws Exception {
        Path trustStore = emptyPkcs12("registry-trust.p12", "right-password");

        Outcome outcome = run(kafka, "registry-trust", List.of("schema.registry.url=https://127.0.0.1:1",
                "schema.registry.ssl.truststore.location=" + trustStore,
                "schema.registry.ssl.truststore.password=wrong-password"), List.of());

        outcome.assertOneLineAndExit2(trustStore.toString());
        assertThat(outcome.err()).doesNotContain("wrong-password");
        assertNothingCreatedOn(kafka, "registry-trust");
    }

    @Test
    void aKafkaTrustStoreWithAWrongPasswordIsOneLineAndExit2(TestKafka kafka) throws Exception {
        Path trustStore = emptyPkcs12("kafka-trust.p12", "right-password");

        Outcome outcome = run(kafka, "kafka-trust", List.of(), List.of("security.protocol=SSL",
                "ssl.truststore.location=" + trustStore, "ssl.truststore.password=wrong-password"));

        outcome.assertOneLineAndExit2("cannot create");
        assertThat(outcome.err()).doesNotContain("wrong-password");
        assertNothingCreatedOn(kafka, "kafka-trust");
    }

    @Test
    void anHttpsKeyStoreWithAWrongPasswordIsOneLineAndExit2(TestKafka kafka) throws Exception {
        Path keyStore = emptyPkcs12("http-keys.p12", "right-password");

        Outcome outcome = run(kafka, "http-keys", List.of("http.ssl.keystore.location=" + keyStore,
                "http.ssl.keystore.password=wrong-password"), List.of());

        outcome.assertOneLineAndExit2("wrong password");
        assertThat(outcome.err()).doesNotContain("wrong-password");
    }

    private record Outcome(int exitCode, String err) {
        void assertOneLineAndExit2(String naming) {
            assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(2);
            assertThat(err.lines().toList()).as("stderr").hasSize(1);
            assertThat(err).startsWith("o2c-pulse: ").contains(naming);
        }
    }

    /** Runs {@code run --config FILE [--kafka-config k=v ...]} in this JVM; a start that succeeds would block, hence the limit. */
    private Outcome run(TestKafka kafka, String name, List<String> settings, List<String> kafkaSettings) throws IOException {
        List<String> lines = new ArrayList<>(List.of("bootstrap.servers=" + kafka.bootstrapServers(), "application.id=" + name,
                "topic.prefix=" + name + ".", "create.topics=true", "data.dir=" + dir.resolve(name), "http.port=0"));
        lines.addAll(settings);
        Path config = Files.write(dir.resolve(name + ".properties"), lines);
        List<String> args = new ArrayList<>(List.of("--config", config.toString()));
        kafkaSettings.forEach(setting -> args.addAll(List.of("--kafka-config", setting)));
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RunCommand()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        int exitCode = assertTimeoutPreemptively(LIMIT, () -> command.execute(args.toArray(String[]::new)));
        return new Outcome(exitCode, err.toString());
    }

    private static void assertNothingCreatedOn(TestKafka kafka, String name) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> groups = admin.listGroups().all().get(30, TimeUnit.SECONDS).stream().map(GroupListing::groupId).toList();

            assertThat(topics).as("topics").noneMatch(topic -> topic.startsWith(name));
            assertThat(groups).as("groups").doesNotContain(name);
        } catch (Exception e) {
            throw new AssertionError("cannot list topics and groups", e);
        }
    }

    private Path emptyPkcs12(String fileName, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = dir.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
