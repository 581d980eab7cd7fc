package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.o2cpulse.embedded.LoopbackPorts;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.kpi.OrderStatus;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HttpSchemaRegistryClientTest {

    private static final String SECRET = "s3cret-Pa55";

    private final ObjectMapper json = new ObjectMapper();
    private final FakeRegistry fake = new FakeRegistry();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void registerPostsTheSchemaJsonToTheSubjectVersionsWithBasicAuth() throws IOException {
        fake.answer(200, "{\"id\":7}");
        SchemaRegistryClient client = client(fake.url(), Map.of("basic.auth.user.info", "svc-o2c:" + SECRET));

        int id = client.register("o2c.orders-value", OrderEvent.SCHEMA$);

        assertThat(id).isEqualTo(7);
        RecordedRequest request = fake.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/o2c.orders-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("svc-o2c:" + SECRET).getBytes(StandardCharsets.UTF_8)));
        JsonNode body = json.readTree(request.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("schema");
        assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(OrderEvent.SCHEMA$);
    }

    @Test
    void withoutUserInfoNoAuthorizationHeaderIsSent() {
        fake.answer(200, "{\"id\":1}");

        client(fake.url(), Map.of()).register("s", OrderEvent.SCHEMA$);

        assertThat(fake.onlyRequest().authorization()).isNull();
    }

    @Test
    void registeringTheSameSchemaAgainIsAnsweredFromTheCache() {
        fake.answer(200, "{\"id\":3}");
        SchemaRegistryClient client = client(fake.url(), Map.of());

        client.register("a-value", OrderEvent.SCHEMA$);
        client.register("a-value", OrderEvent.SCHEMA$);
        client.register("b-value", OrderEvent.SCHEMA$);

        assertThat(fake.requests()).extracting(RecordedRequest::path)
                .containsExactly("/subjects/a-value/versions", "/subjects/b-value/versions");
    }

    @Test
    void schemaByIdGetsTheSchemaOnceAndThenAnswersFromTheCache() throws IOException {
        fake.answer(200, json.writeValueAsString(Map.of("schema", OrderStatus.SCHEMA$.toString())));
        SchemaRegistryClient client = client(fake.url(), Map.of());

        Schema first = client.schemaById(42);
        Schema second = client.schemaById(42);

        assertThat(first).isEqualTo(OrderStatus.SCHEMA$).isSameAs(second);
        RecordedRequest request = fake.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/schemas/ids/42");
    }

    @Test
    void schemaJustRegisteredIsKnownByIdWithoutAsking() {
        fake.answer(200, "{\"id\":9}");
        SchemaRegistryClient client = client(fake.url(), Map.of());

        int id = client.register("s", OrderEvent.SCHEMA$);

        assertThat(client.schemaById(id)).isEqualTo(OrderEvent.SCHEMA$);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void unknownIdIsSchemaNotFoundNamingTheId() {
        fake.answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        SchemaRegistryClient client = client(fake.url(), Map.of());

        assertThatThrownBy(() -> client.schemaById(42))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("schema id 42 not found")
                .hasMessageContaining("40403");
    }

    @Test
    void plainNotFoundPageIsAMisconfigurationNotAMissingSchema() {
        fake.answer(404, "<html><body>Not Found</body></html>");
        SchemaRegistryClient client = client(fake.url(), Map.of());

        assertThatThrownBy(() -> client.schemaById(42))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("is the URL that of a schema registry");
    }

    @Test
    void serverErrorIsUnavailable() {
        fake.answer(503, "{\"error_code\":50301,\"message\":\"Service unavailable\"}");
        SchemaRegistryClient client = client(fake.url(), Map.of());

        assertThatThrownBy(() -> client.register("s", OrderEvent.SCHEMA$))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("HTTP 503 error 50301");
    }

    @Test
    void rejectedCredentialsAreAnOutageNotAFaultOfTheRecord() {
        for (int status : new int[] {401, 403}) {
            fake.answer(status, "{\"error_code\":" + status + "01,\"message\":\"Unauthorized\"}");
            SchemaRegistryAvailability availability = new SchemaRegistryAvailability();
            SchemaRegistryClient client = SchemaRegistries.connect(fake.url(), Map.of("basic.auth.user.info", "svc:" + SECRET),
                    availability);

            assertThatThrownBy(() -> client.schemaById(1))
                    .as("HTTP %d", status)
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining("rejected the credentials (HTTP " + status)
                    .hasMessageNotContaining(SECRET);
            assertThat(availability.isUnavailable()).as("HTTP %d", status).isTrue();
        }
    }

    @Test
    void connectionRefusedIsUnavailable() throws IOException {
        SchemaRegistryClient client = client("http://127.0.0.1:" + LoopbackPorts.freePort(), Map.of());

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void registrySlowerThanTheRequestTimeoutIsUnavailable() {
        fake.answer(200, "{\"id\":1}");
        fake.holdAnswers();
        SchemaRegistryClient client = client(fake.url(), Map.of("request.timeout.ms", "200"));

        // The answer is held until the client has given up: it can only fail by its own request timeout.
        assertThatThrownBy(() -> client.register("s", OrderEvent.SCHEMA$))
                .isInstanceOf(SchemaRegistryUnavailableException.class);
        fake.releaseAnswers();
        assertThat(fake.requests()).as("one request, given up, not retried in place").hasSize(1);
    }

    @Test
    void nextUrlIsTriedWhenTheFirstIsUnreachable() throws IOException {
        fake.answer(200, "{\"id\":5}");
        SchemaRegistryClient client = client("http://127.0.0.1:" + LoopbackPorts.freePort() + "," + fake.url(), Map.of());

        assertThat(client.register("s", OrderEvent.SCHEMA$)).isEqualTo(5);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void subjectIsPercentEncodedUnderTheUrlPathPrefix() {
        fake.answer(200, "{\"id\":1}");
        SchemaRegistryClient client = client(fake.url() + "/registry/", Map.of());

        client.register("odd subject/x", OrderEvent.SCHEMA$);

        assertThat(fake.onlyRequest().path()).isEqualTo("/registry/subjects/odd%20subject%2Fx/versions");
    }

    @Test
    void credentialsNeverAppearInLogsOrExceptionMessages() throws IOException {
        Logger serdeLogger = (Logger) LoggerFactory.getLogger("com.o2cpulse.serde");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        serdeLogger.addAppender(logs);
        Map<String, String> settings = new HashMap<>(Map.of("basic.auth.user.info", "svc:" + SECRET,
                "request.timeout.ms", "500", "ssl.truststore.password", SECRET, "typo.setting", SECRET));
        settings.put("ssl.truststore.location", "/nonexistent/truststore.p12");
        List<String> messages = new ArrayList<>();
        try {
            try {
                client(fake.url(), settings);
            } catch (IllegalArgumentException e) {
                messages.add(e.toString());
            }
            settings.remove("ssl.truststore.location");
            settings.remove("ssl.truststore.password");
            fake.answer(503, "{\"error_code\":50301,\"message\":\"down\"}");
            SchemaRegistryClient client = client("http://127.0.0.1:" + LoopbackPorts.freePort() + "," + fake.url(), settings);
            try {
                client.schemaById(1);
            } catch (SchemaRegistryException e) {
                messages.add(e.toString());
                messages.add(String.valueOf(e.getCause()));
            }
        } finally {
            serdeLogger.detachAppender(logs);
        }

        logs.list.forEach(event -> messages.add(event.getFormattedMessage()
                + (event.getThrowableProxy() != null ? event.getThrowableProxy().getMessage() : "")));
        assertThat(logs.list).isNotEmpty();
        assertThat(messages).hasSizeGreaterThan(3).noneMatch(message -> message.contains(SECRET));
    }

    private static SchemaRegistryClient client(String url, Map<String, String> settings) {
        return SchemaRegistries.connect(url, settings);
    }

    /** What the fake registry received. */
    record RecordedRequest(String method, String path, String contentType, String authorization, String body) {
    }

    /** A registry stand-in that records every request and gives one canned answer. */
    private static final class FakeRegistry implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool();
        private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
        private volatile int status = 500;
        private volatile String body = "{}";
        /** Counted down to release held answers; at zero from the start, so nothing is held. */
        private volatile CountDownLatch held = new CountDownLatch(0);

        FakeRegistry() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", this::handle);
            server.setExecutor(executor);
            server.start();
        }

        void answer(int answerStatus, String answerBody) {
            status = answerStatus;
            body = answerBody;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<RecordedRequest> requests() {
            return requests;
        }

        RecordedRequest onlyRequest() {
            assertThat(requests).hasSize(1);
            return requests.get(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                awaitRelease();
                byte[] answer = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException e) {
                // the client gave up (request timeout test): nothing to answer
            }
        }

        /** From now on, requests get no answer until {@link #releaseAnswers()}. */
        void holdAnswers() {
            held = new CountDownLatch(1);
        }

        void releaseAnswers() {
            held.countDown();
        }

        private void awaitRelease() {
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            releaseAnswers();
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
