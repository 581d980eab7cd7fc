package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.embedded.KafkaBrokerExtension;
import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.ops.MonitoringAssets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the schema registry is unreachable, or rejects the application's credentials (HTTP 401), records that need it
 * wait for it: none goes to the dead-letter topic, nothing is committed or published past them, the application
 * retries with pauses in between, its readiness is withdrawn and its registry-availability metric says why, one
 * outage is logged, and it carries on by itself once the registry answers again.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RegistryOutageOnEmbeddedBrokerIT {

    private static final int ORDERS = 120;
    private static final int RETRIES_TO_OBSERVE = 3;

    /** How the registry fails during the test. */
    enum Outage {
        UNREACHABLE, CREDENTIALS_REJECTED
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void recordsThatNeedTheRegistryWaitForItInsteadOfTheDeadLetterTopicAndTheApplicationRecovers(
            Outage outage, TestKafka kafka, @TempDir Path dir) {
        List<SpecificRecord> events = PulseUnderTest.simulatedStream(11, ORDERS);
        List<SpecificRecord> beforeOutage = events.subList(0, events.size() / 2);
        List<SpecificRecord> duringOutage = events.subList(events.size() / 2, events.size());
        try (PulseUnderTest pulse = PulseUnderTest.create(kafka, dir, "outage-" + outage.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))) {
            O2cPulse app = pulse.start();
            pulse.produce(beforeOutage);
            pulse.awaitKpisEqualTheOracle();
            pulse.awaitAllInputCommitted();
            long committedBeforeOutage = pulse.committedInputOffsets();
            long kpiRecordsBeforeOutage = pulse.kpiRecordsRead();

            EvolvedEventSchemas secondVersion = new EvolvedEventSchemas(pulse.registeredSchemas(), pulse.topics());
            if (outage == Outage.UNREACHABLE) {
                pulse.stopRegistry();
            } else {
                pulse.restartRegistryRejectingCredentials();
            }
            for (SpecificRecord event : duringOutage) {
                pulse.produceEncoded(event, secondVersion.encode(event, pulse.serialize(event)));
            }

            pulse.await("the application retrying the registry", () ->
                    app.registryAvailability().failedRequests() >= RETRIES_TO_OBSERVE ? List.of()
                            : List.of("failed registry requests so far: " + app.registryAvailability().failedRequests()));
            assertThat(pulse.committedInputOffsets()).as("input committed during the outage").isEqualTo(committedBeforeOutage);
            assertThat(pulse.kpiRecordsRead()).as("KPI records published during the outage").isEqualTo(kpiRecordsBeforeOutage);
            assertThat(deadLetters(kafka, pulse)).as("dead letters during the outage").isEmpty();
            assertThat(get(app, "/health/ready").statusCode()).as("readiness during the outage").isEqualTo(503);
            assertThat(get(app, "/health/live").statusCode()).as("liveness during the outage").isEqualTo(200);
            String scrape = get(app, "/metrics").body();
            assertThat(scrape).contains("o2c_schema_registry_available 0.0");
            assertThat(MonitoringAssets.metricsRead("o2c_")).as("o2c metrics read by deploy/'s alert rules and dashboard")
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(scrape).containsPattern("(?m)^" + name + "[{ ]"));

            pulse.restartRegistry();

            pulse.awaitKpisEqualTheOracle();
            pulse.awaitOrderStatusOfEveryKnownOrder();
            pulse.awaitAllInputCommitted();
            pulse.await("the application running", () -> app.streams().state() == KafkaStreams.State.RUNNING
                    ? List.of() : List.of("state " + app.streams().state()));
            assertThat(deadLetters(kafka, pulse)).as("dead letters").isEmpty();
            assertThat(app.streams().metadataForLocalThreads()).as("stream threads").hasSize(1);
            assertThat(app.registryAvailability().isUnavailable()).isFalse();
            assertThat(app.registryAvailability().outages()).as("outages logged").isEqualTo(1);
            pulse.await("readiness back", () -> get(app, "/health/ready").statusCode() == 200 ? List.of() : List.of("not ready"));
            assertThat(get(app, "/metrics").body()).contains("o2c_schema_registry_available 1.0");
            assertThat(pulse.kpiDifferences()).isEmpty();
        }
    }

    private static HttpResponse<String> get(O2cPulse app, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<?> deadLetters(TestKafka kafka, PulseUnderTest pulse) {
        return kafka.readAllCommitted(pulse.topics().deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
