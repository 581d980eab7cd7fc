package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.kpi.OrderStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryServerTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final SchemaRegistryServer server = SchemaRegistryServer.start("127.0.0.1", 0);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void bindsAnEphemeralPortAndReportsItsUrl() {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void serverOnAllInterfacesGivesALoopbackUrlThatClientsCanUse() {
        try (SchemaRegistryServer everywhere = SchemaRegistryServer.start("0.0.0.0", 0)) {
            assertThat(everywhere.url()).isEqualTo("http://127.0.0.1:" + everywhere.port());
            assertThat(SchemaRegistries.connect(everywhere.url(), Map.of()).register("s", OrderEvent.SCHEMA$))
                    .isEqualTo(1);
        }
    }

    @Test
    void registerAnswersTheIdAndTheSchemaIsServedById() throws Exception {
        Answer registered = post("/subjects/o2c.orders-value/versions", schemaBody(OrderEvent.SCHEMA$));
        Answer fetched = get("/schemas/ids/1");

        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).isEqualTo(CONTENT_TYPE);
        assertThat(registered.body()).isEqualTo(json.readTree("{\"id\":1}"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(fetched.body().get("schema").asText())).isEqualTo(OrderEvent.SCHEMA$);
    }

    @Test
    void subjectsVersionsAndLatestListWhatWasRegistered() throws Exception {
        // Two unrelated record types under one subject: only without a compatibility check.
        send(HttpRequest.newBuilder(URI.create(server.url() + "/config/o2c.orders-value")).header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"NONE\"}")).build());
        post("/subjects/o2c.orders-value/versions", schemaBody(OrderEvent.SCHEMA$));
        post("/subjects/o2c.orders-value/versions", schemaBody(ShipmentEvent.SCHEMA$));
        post("/subjects/o2c.shipments-value/versions", schemaBody(ShipmentEvent.SCHEMA$));

        assertThat(get("/subjects").body()).isEqualTo(json.readTree("[\"o2c.orders-value\",\"o2c.shipments-value\"]"));
        assertThat(get("/subjects/o2c.orders-value/versions").body()).isEqualTo(json.readTree("[1,2]"));
        JsonNode latest = get("/subjects/o2c.orders-value/versions/latest").body();
        assertThat(latest.get("subject").asText()).isEqualTo("o2c.orders-value");
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(2);
        assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(ShipmentEvent.SCHEMA$);
        assertThat(get("/subjects/o2c.orders-value/versions/1").body().get("id").asInt()).isEqualTo(1);
    }

    @Test
    void lookupFindsARegisteredSchemaUnderItsSubject() throws Exception {
        post("/subjects/o2c.orders-value/versions", schemaBody(OrderEvent.SCHEMA$));

        Answer found = post("/subjects/o2c.orders-value", schemaBody(OrderEvent.SCHEMA$));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("subject").asText()).isEqualTo("o2c.orders-value");
        assertThat(found.body().get("version").asInt()).isEqualTo(1);
        assertThat(found.body().get("id").asInt()).isEqualTo(1);
        assertThat(found.body().has("schema")).isTrue();
    }

    @Test
    void lookupOfAnUnregisteredSchemaIsSchemaNotFoundAndOfAnUnknownSubjectIsSubjectNotFound() throws Exception {
        post("/subjects/o2c.orders-value/versions", schemaBody(OrderEvent.SCHEMA$));

        Answer otherSchema = post("/subjects/o2c.orders-value", schemaBody(ShipmentEvent.SCHEMA$));
        Answer otherSubject = post("/subjects/nobody-value", schemaBody(OrderEvent.SCHEMA$));

        assertThat(otherSchema.status()).isEqualTo(404);
        assertThat(otherSchema.body().get("error_code").asInt()).isEqualTo(40403);
        assertThat(otherSubject.status()).isEqualTo(404);
        assertThat(otherSubject.body().get("error_code").asInt()).isEqualTo(40401);
    }

    @Test
    void errorsUseTheRegistryErrorCodes() throws Exception {
        post("/subjects/s/versions", schemaBody(OrderEvent.SCHEMA$));

        assertError(get("/schemas/ids/99"), 404, 40403);
        assertError(get("/subjects/s/versions/7"), 404, 40402);
        assertError(get("/subjects/unknown/versions"), 404, 40401);
        assertError(post("/subjects/s/versions", "{\"schema\":\"{not avro\"}"), 422, 42201);
        assertError(post("/subjects/s/versions", "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
        assertError(post("/schemas/ids/1", "{}"), 405, 405);
        assertError(get("/nothing/here"), 404, 404);
    }

    @Test
    void httpClientRegistersAndFetchesEndToEndWithStableIds() {
        SchemaRegistryClient writer = SchemaRegistries.connect(server.url(), Map.of());
        SchemaRegistryClient reader = SchemaRegistries.connect(server.url(), Map.of());

        int orderId = writer.register("o2c.orders-value", OrderEvent.SCHEMA$);
        int statusId = writer.register("o2c.order-status-value", OrderStatus.SCHEMA$);

        assertThat(reader.register("o2c.orders-value", OrderEvent.SCHEMA$)).isEqualTo(orderId);
        assertThat(reader.register("o2c.order-status-value", OrderStatus.SCHEMA$)).isEqualTo(statusId);
        assertThat(reader.register("o2c.replay-value", OrderEvent.SCHEMA$)).isEqualTo(orderId);
        assertThat(reader.schemaById(orderId)).isEqualTo(OrderEvent.SCHEMA$);
        assertThat(reader.schemaById(statusId)).isEqualTo(OrderStatus.SCHEMA$);
        assertThat(server.registry().versions("o2c.orders-value")).containsExactly(1);
        assertThatThrownBy(() -> reader.schemaById(99)).isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("schema id 99 not found");
    }

    @Test
    void serdeOverHttpReadsWhatAnotherProcessWrote() {
        AvroSerde<OrderStatus> producer =
                AvroSerde.forClass(OrderStatus.class, SchemaRegistries.connect(server.url(), Map.of()), false);
        AvroSerde<OrderStatus> consumer =
                AvroSerde.forClass(OrderStatus.class, SchemaRegistries.connect(server.url(), Map.of()), false);
        OrderStatus status = SampleRecords.orderStatus();

        byte[] payload = producer.serializer().serialize("o2c.order-status", status);

        assertThat(consumer.deserializer().deserialize("o2c.order-status", payload)).isEqualTo(status);
        assertThat(server.registry().subjects()).containsExactly("o2c.order-status-value");
    }

    @Test
    void closedServerMakesClientsReportTheRegistryUnavailable() {
        SchemaRegistryClient client = SchemaRegistries.connect(server.url(), Map.of());
        server.close();

        assertThatThrownBy(() -> client.schemaById(1)).isInstanceOf(SchemaRegistryUnavailableException.class);
    }

    private void assertError(Answer answer, int status, int errorCode) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(answer.body().get("message").asText()).isNotBlank();
    }

    private String schemaBody(Schema schema) throws IOException {
        return json.writeValueAsString(Map.of("schema", schema.toString()));
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build());
    }

    private Answer post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                json.readTree(response.body()));
    }

    private record Answer(int status, String contentType, JsonNode body) {
    }
}
