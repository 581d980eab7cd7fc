package com.o2cpulse.serve;

import com.o2cpulse.topology.Topics;

import static com.o2cpulse.serve.ApiClient.encode;
import static com.o2cpulse.testing.TestEvents.placed;
import static com.o2cpulse.testing.TestEvents.shipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.o2cpulse.embedded.KafkaBrokerExtension;
import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.schema.kpi.FillRateKpi;
import com.o2cpulse.serde.AvroClassTrust;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.topology.O2cSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server as an SRE meets it with authentication and TLS on: who gets in, what every answer carries, and
 * the one error shape, whoever answers (a route, Javalin, Jetty).
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredHttpApiIT {

    private static final Topics TOPICS = new Topics("secured-http-api-it.");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String READER_TOKEN = "reader-7f3a9c1e";
    private static final String PEER_TOKEN = "peer-52b8d04a";
    private static final String KEYSTORE_PASSWORD = "keystore-9e1d";
    private static final String ALL_21ST = "all=*|day=2026-11-21";

    private final O2cSerdes serdes = new O2cSerdes(new InMemorySchemaRegistry());
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private ServingInstance secured;
    private ServingInstance tls;
    private TestKeyStores keyStores;
    private ApiClient anonymous;

    @BeforeAll
    void startSecuredInstances(TestKafka kafka, @TempDir Path dir) throws Exception {
        AvroClassTrust.trustProjectClasses();
        logs.start();
        rootLogger().addAppender(logs);
        keyStores = TestKeyStores.createIn(dir, KEYSTORE_PASSWORD);
        ServingInstance.createTopics(kafka, TOPICS, 2);
        HttpSecurity withTokens = HttpSecurity.LOOPBACK.withTokens(Secret.of(READER_TOKEN), Secret.of(PEER_TOKEN));
        secured = ServingInstance.start(kafka, TOPICS, "o2c-secured", dir.resolve("secured"), serdes,
                settings -> settings.withSecurity(withTokens), Map.of());
        UnaryOperator<HttpApiSettings> overTls = settings -> settings.withSecurity(
                withTokens.withTls(keyStores.keyStore, keyStores.trustStore).withMetricsNeedingToken(true));
        tls = ServingInstance.start(kafka, TOPICS, "o2c-secured-tls", dir.resolve("tls"), serdes, overTls, Map.of());
        anonymous = secured.client.authorizedAs(null);

        TestEventProducer.send(kafka, TOPICS, serdes,
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 2, "3.00").build(),
                shipment("s1", "SO-1", "2026-11-21T10:00:00Z", "SH-1", "W-1").line("1", 2).build());
        kafka.awaitCommitted(TOPICS.kpi(KpiFamily.FILL_RATE), new StringDeserializer(),
                serdes.anyValue().deserializer(),
                records -> TestKafka.latestValuePerKey(records).get(ALL_21ST) instanceof FillRateKpi, TIMEOUT);
        Await.until("the secured instance answers the key", TIMEOUT,
                () -> secured.client.get("/api/kpis/fill-rate/" + encode(ALL_21ST)), response -> response.statusCode() == 200);
    }

    @AfterAll
    void stop() {
        rootLogger().detachAppender(logs);
        for (ServingInstance instance : new ServingInstance[] {secured, tls}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void withoutATokenTheApiTheDashboardAndTheStreamAnswer401WithAChallenge() {
        for (String path : List.of("/api/kpis/fill-rate", "/api/kpis/fill-rate/" + encode(ALL_21ST), "/api/orders/SO-1",
                "/api/stream", "/", "/index.html")) {
            HttpResponse<String> response = anonymous.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).contains("Basic realm=\"o2c-pulse\"").contains("Bearer"));
            assertOneErrorShape(path, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        }
    }

    @Test
    void aWrongTokenIsRefusedHoweverItIsPresented() {
        for (String authorization : List.of("Bearer wrong-token", "Bearer " + READER_TOKEN + "x", basic("anyone", "wrong-token"),
                "Bearer " + PEER_TOKEN, "Token " + READER_TOKEN, basic(READER_TOKEN, ""), "Basic not-base64!")) {
            HttpResponse<String> response = anonymous.authorizedAs(authorization).get("/api/kpis/fill-rate");

            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
        }
    }

    @Test
    void theReaderTokenOpensTheApiAsBearerOrAsTheBasicPassword() {
        for (String authorization : List.of("Bearer " + READER_TOKEN, "bearer " + READER_TOKEN, basic("dashboard", READER_TOKEN))) {
            HttpResponse<String> response = anonymous.authorizedAs(authorization).get("/api/kpis/fill-rate/" + encode(ALL_21ST));

            assertThat(response.statusCode()).as(authorization).isEqualTo(200);
            assertThat(ApiClient.json(response).path("value").path("linesShipped").asLong()).isEqualTo(1);
        }
    }

    @Test
    void probesAndPrometheusNeedNoToken() {
        assertThat(anonymous.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/health/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = anonymous.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        // A refused request has matched no route yet: it counts under "other".
        assertThat(metrics.body()).contains("o2c_http_requests_seconds_count{method=\"GET\",route=\"other\",status=\"401\"}")
                .contains("o2c_http_requests_seconds_bucket{method=\"GET\",route=\"/health/live\",status=\"200\",le=\"0.1\"}")
                .contains("o2c_http_stream_clients");
    }

    @Test
    void internalEndpointsAnswerThePeerTokenOnly() {
        String internal = "/internal/kpis/fill-rate";

        assertThat(anonymous.get(internal).statusCode()).as("no token").isEqualTo(401);
        assertThat(secured.client.get(internal).statusCode()).as("the reader's token").isEqualTo(401);
        HttpResponse<String> asPeer = anonymous.authorizedAs("Bearer " + PEER_TOKEN).get(internal);
        assertThat(asPeer.statusCode()).as("the peer token").isEqualTo(200);
        assertThat(ApiClient.json(asPeer).path("kpi").asText()).isEqualTo("fill-rate");
    }

    @Test
    void internalEndpointsCannotBeReachedWithTheReaderTokenThroughAnotherSpellingOfTheirPath() {
        String reader = "Authorization: Bearer " + READER_TOKEN + "\r\n";
        for (String path : List.of("//internal/kpis/fill-rate", "/%69nternal/kpis/fill-rate", "/api/../internal/kpis/fill-rate",
                "/INTERNAL/kpis/fill-rate", "/internal//kpis/fill-rate", "/./internal/kpis/fill-rate")) {
            RawHttp.Response answer = RawHttp.send(secured.api.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + reader);

            assertThat(answer.status()).as("%s: %s", path, answer.body()).isNotEqualTo(200);
            assertThat(answer.body()).as(path).doesNotContain("\"items\"");
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        List<RawHttp.Response> answers = List.of(
                RawHttp.send(secured.api.port(), "GET /api/kpis/fill-rate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + READER_TOKEN + "\r\n"),
                RawHttp.send(secured.api.port(), "GET /api/kpis/fill-rate HTTP/1.1\r\nHost: x\r\n"),
                RawHttp.send(secured.api.port(), "GET /health/live HTTP/1.1\r\nHost: x\r\n"),
                RawHttp.send(secured.api.port(), "GET /no/such/path HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + READER_TOKEN + "\r\n"),
                RawHttp.send(secured.api.port(), "GET /api/kpis/%zz HTTP/1.1\r\nHost: x\r\n"));

        assertThat(answers).extracting(RawHttp.Response::status).containsExactly(200, 401, 200, 404, 400);
        for (RawHttp.Response answer : answers) {
            assertThat(answer.header("X-Content-Type-Options")).as("%s", answer.status()).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).as("%s", answer.status()).isEqualTo("DENY");
            assertThat(answer.header("Referrer-Policy")).as("%s", answer.status()).isEqualTo("no-referrer");
            assertThat(answer.header("Content-Security-Policy")).as("%s", answer.status()).contains("frame-ancestors 'none'");
            assertThat(answer.header("Server")).as("%s", answer.status()).isNull();
        }
    }

    @Test
    void errorsAreJsonOfOneShapeWhoeverAnswersThem() {
        String auth = "Authorization: Bearer " + READER_TOKEN + "\r\n";
        Map<String, RawHttp.Response> answers = Map.of(
                "unknown path", RawHttp.send(secured.api.port(), "GET /api/nothing-here HTTP/1.1\r\nHost: x\r\n" + auth),
                "method not allowed", RawHttp.send(secured.api.port(), "DELETE /api/kpis/fill-rate HTTP/1.1\r\nHost: x\r\n" + auth),
                "malformed URI", RawHttp.send(secured.api.port(), "GET /api/kpis/%zz HTTP/1.1\r\nHost: x\r\n" + auth),
                "URI too long", RawHttp.send(secured.api.port(), "GET /api/kpis/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n" + auth),
                "headers too large", RawHttp.send(secured.api.port(), "GET /api/kpis/fill-rate HTTP/1.1\r\nHost: x\r\n" + auth
                        + "X-Filler: " + "b".repeat(20_000) + "\r\n"));

        assertThat(answers.get("unknown path").status()).isEqualTo(404);
        assertThat(answers.get("malformed URI").status()).isEqualTo(400);
        assertThat(answers.get("URI too long").status()).isEqualTo(414);
        assertThat(answers.get("headers too large").status()).isEqualTo(431);
        answers.forEach((what, answer) -> assertOneErrorShape(what, answer.status(), answer.header("Content-Type"), answer.body()));
    }

    @Test
    void aKeyOfAnotherKpiIsABadRequestNotAnotherKeysValue() {
        HttpResponse<String> backlogKeyAsFillRate = secured.client.get("/api/kpis/fill-rate/" + encode(ALL_21ST + "|currency=EUR"));

        assertThat(backlogKeyAsFillRate.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(backlogKeyAsFillRate).path("error").asText()).contains("is not a fill-rate key");
    }

    @Test
    void theStreamStreamsToAClientThatSendsNoAcceptHeaderOrAcceptsAnything() throws Exception {
        HttpRequest withoutAccept = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secured.api.port() + "/api/stream"))
                .header("Authorization", "Bearer " + READER_TOKEN).GET().build();
        HttpRequest likeCurl = HttpRequest.newBuilder(withoutAccept, (name, value) -> true).header("Accept", "*/*").build();
        assertThat(withoutAccept.headers().firstValue("Accept")).isEmpty();

        for (HttpRequest request : List.of(withoutAccept, likeCurl)) {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (SseListener stream = new SseListener(response)) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.contentType()).startsWith("text/event-stream");
                assertThat(stream.await(event -> event.name().equals("hello"), TIMEOUT).data()).contains("\"live\"");
            }
        }
    }

    @Test
    void overTlsAClientTrustingTheCertificateIsAnsweredAndOthersFailTheHandshake() throws Exception {
        URI health = URI.create("https://127.0.0.1:" + tls.api.port() + "/health/live");
        URI api = URI.create("https://127.0.0.1:" + tls.api.port() + "/api/kpis/fill-rate");
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keyStores.trustStore)).build();

        HttpResponse<String> live = trusting.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymousOverTls = trusting.send(HttpRequest.newBuilder(api).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.sslSession()).hasValueSatisfying(session -> assertThat(session.getProtocol()).startsWith("TLSv1."));
        assertThat(live.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(anonymousOverTls.statusCode()).as("TLS does not replace the token").isEqualTo(401);
        URI metrics = URI.create("https://127.0.0.1:" + tls.api.port() + "/metrics");
        assertThat(trusting.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("/metrics configured to need the token").isEqualTo(401);
        assertThat(trusting.send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer " + READER_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        assertThat(plainHttpStatus(URI.create("http://127.0.0.1:" + tls.api.port() + "/health/live")))
                .as("plain HTTP to the TLS port").isNotEqualTo(200);
    }

    @Test
    void peersCallEachOtherOverTlsWithThePeerToken() throws Exception {
        HttpSecurity peerSide = HttpSecurity.LOOPBACK.withTokens(Secret.of("another-reader"), Secret.of(PEER_TOKEN))
                .withTls(keyStores.keyStore, keyStores.trustStore);
        PeerClient peers = new PeerClient(Duration.ofSeconds(5), peerSide, new SimpleMeterRegistry().counter("unreachable"));

        // 503 means the instance's stores are not queryable yet (starting or rebalancing); any other answer is final.
        Reply reply = Await.until("the TLS instance answers its peer", TIMEOUT,
                () -> {
                    try {
                        return peers.getNow(tls.host, KpiQueries.INTERNAL_PATH + "fill-rate");
                    } catch (PeerClient.Unreachable e) {
                        throw new AssertionError("the TLS instance is unreachable over TLS with the peer token", e);
                    }
                }, answer -> !answer.isUnavailable());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("kpi").asText()).isEqualTo("fill-rate");
    }

    @Test
    void noTokenNorPasswordEverReachesTheLog() {
        anonymous.authorizedAs("Bearer not-" + READER_TOKEN).get("/api/kpis/fill-rate");

        assertThat(logs.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain(READER_TOKEN).doesNotContain(PEER_TOKEN).doesNotContain(KEYSTORE_PASSWORD));
    }

    private static void assertOneErrorShape(String what, int status, String contentType, String body) {
        assertThat(contentType).as("%s content type", what).startsWith("application/json");
        JsonNode json = ApiClient.parse(body);
        assertThat(json.properties()).as("%s: %s", what, body).hasSize(1);
        assertThat(json.path("error").asText()).as("%s (%d)", what, status).isNotBlank();
    }

    /** The status of a plain HTTP answer, or -1 when the server answered none. */
    private static int plainHttpStatus(URI uri) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException noHttpAnswer) {
            return -1;
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext trusting(KeyStoreFile trustStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore.load());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
