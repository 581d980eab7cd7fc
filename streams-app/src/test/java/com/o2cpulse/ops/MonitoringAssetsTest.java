package com.o2cpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass promtool's checks and their own unit tests, and neither the rules nor the dashboard read a
 * Kafka meter that the default meter selection drops. (That the o2c_ meters they read exist is checked against a
 * running instance's scrape in RegistryOutageOnEmbeddedBrokerIT.)
 */
class MonitoringAssetsTest {

    @Test
    void alertRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        assumeTrue(onPath("promtool"), "promtool is not installed (Debian: apt-get install prometheus)");

        assertThat(promtool("check", "rules", MonitoringAssets.RULES.toString())).contains("SUCCESS: 7 rules found");
        assertThat(promtool("test", "rules", MonitoringAssets.RULE_TESTS.toString())).contains("SUCCESS");
    }

    @Test
    void theKafkaMetersTheRulesAndTheDashboardReadAreKeptByTheDefaultSelection() {
        List<String> kafkaMetrics = List.copyOf(MonitoringAssets.metricsRead("kafka_"));

        assertThat(kafkaMetrics).isNotEmpty().allSatisfy(name -> assertThat(KafkaMeterSelection.nonEssential(micrometerId(name)))
                .as("%s dropped by default", name).isFalse());
    }

    @Test
    void theDashboardIsGrafanaJsonWhosePanelsAllQuery() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(MonitoringAssets.DASHBOARD));

        assertThat(dashboard.path("uid").asText()).isEqualTo("o2c-pulse");
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel ->
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty()
                        .allSatisfy(target -> assertThat(target.path("expr").asText()).isNotBlank()));
    }

    /** Prometheus names are Micrometer's with '.' as '_' and a counter's "_total" suffix. */
    private static Meter.Id micrometerId(String prometheusName) {
        String name = prometheusName.endsWith("_total") && !prometheusName.endsWith("dropped_records_total")
                ? prometheusName.substring(0, prometheusName.length() - "_total".length()) : prometheusName;
        return new Meter.Id(name.replace('_', '.'), Tags.empty(), null, null, Meter.Type.GAUGE);
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("promtool %s: %s", String.join(" ", args), output).isZero();
        return output;
    }
}
