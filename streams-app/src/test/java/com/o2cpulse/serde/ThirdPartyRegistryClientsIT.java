package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.o2cpulse.testing.NodeRequirement;
import com.o2cpulse.testing.NpmPackages;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The registry driven by real third-party clients from npm, Confluent's own JavaScript client and serdes
 * ({@code @confluentinc/schemaregistry}) and {@code @kafkajs/confluent-schema-registry}, behind basic
 * authentication: registering, evolving, an incompatible schema refused, look-ups, compatibility settings and
 * checks, serialization both ways and deletes (see src/test/resources/registry-clients/drive-registry.js).
 * Skips where Node.js, npm or the npm registry is not available; fails then in CI ({@link NodeRequirement}).
 */
class ThirdPartyRegistryClientsIT {

    private static final Path PREFIX = Path.of("target", "registry-clients");
    private static final String CREDENTIALS = "producer:pa55word";

    @Test
    void confluentsAndKafkajsClientsFindEveryCallAnsweredAsByConfluentsRegistry() throws Exception {
        StringBuilder whyNot = new StringBuilder();
        Optional<Path> clients = NpmPackages.install(PREFIX, "node_modules/@kafkajs/confluent-schema-registry/package.json", whyNot,
                "@confluentinc/schemaregistry@1.10.1", "@kafkajs/confluent-schema-registry@4.1.0");
        NodeRequirement.assumeAvailable(clients.isPresent(), whyNot.toString());
        Path script = PREFIX.resolve("drive-registry.js");
        try (InputStream in = getClass().getResourceAsStream("/registry-clients/drive-registry.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }

        JsonNode report;
        try (SchemaRegistryServer server = SchemaRegistryServer.start("127.0.0.1", 0, new InMemorySchemaRegistry(), Optional.of(CREDENTIALS))) {
            Process node = new ProcessBuilder("node", script.getFileName().toString(), server.url(), CREDENTIALS)
                    .directory(PREFIX.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
            report = new ObjectMapper().readTree(output);
        }

        List<String> failed = new ArrayList<>();
        report.path("calls").forEach(call -> {
            if (!call.path("ok").asBoolean()) {
                failed.add(call.path("call").asText() + ": " + call.path("detail").asText());
            }
        });
        assertThat(report.path("failure").isMissingNode()).as("the script ran to its end: %s", report.path("failure")).isTrue();
        assertThat(report.path("calls")).as("client calls made").isNotEmpty();
        assertThat(failed).as("client calls that failed").isEmpty();
    }
}
