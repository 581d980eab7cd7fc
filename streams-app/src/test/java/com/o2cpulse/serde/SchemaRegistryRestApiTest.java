package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's REST API as Confluent documents it (docs.confluent.io, "Schema Registry API Reference"): status
 * codes, error codes and bodies of compatibility, configuration, deletes, references and look-ups.
 */
class SchemaRegistryRestApiTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String PAYMENT_V1 = record("Payment", "{\"name\":\"id\",\"type\":\"string\"}");
    /** Adds a field with a default: data written with v1 still reads (BACKWARD compatible). */
    private static final String PAYMENT_V2 = record("Payment",
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"double\",\"default\":0.0}");
    /** Adds a field without a default: v1 data lacks it (not BACKWARD compatible). */
    private static final String PAYMENT_WITHOUT_DEFAULT = record("Payment",
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"currency\",\"type\":\"string\"}");

    @TempDir
    Path folder;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SchemaRegistryServer server = SchemaRegistryServer.start("127.0.0.1", 0);
    private String authorization;

    @AfterEach
    void stop() {
        server.close();
    }

    private static String record(String name, String fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"test\",\"fields\":[" + fields + "]}";
    }

    @Test
    void rootIsAnEmptyObjectAndTheSchemaTypesAreAvro() throws Exception {
        assertThat(get("/").body()).isEqualTo(json.readTree("{}"));
        assertThat(get("/schemas/types").body()).isEqualTo(json.readTree("[\"AVRO\"]"));
        assertThat(get("/mode").body()).isEqualTo(json.readTree("{\"mode\":\"READWRITE\"}"));
    }

    @Test
    void backwardCompatibilityIsTheDefaultAndAnIncompatibleSchemaIsRefusedWith409() throws Exception {
        assertThat(register("payments-value", PAYMENT_V1).body()).isEqualTo(json.readTree("{\"id\":1}"));
        assertThat(register("payments-value", PAYMENT_V2).body()).isEqualTo(json.readTree("{\"id\":2}"));

        Answer incompatible = register("payments-value", PAYMENT_WITHOUT_DEFAULT);

        assertError(incompatible, 409, 409);
        assertThat(incompatible.body().get("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"payments-value\"")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(get("/subjects/payments-value/versions").body()).isEqualTo(json.readTree("[1,2]"));
        assertThat(get("/config").body()).isEqualTo(json.readTree("{\"compatibilityLevel\":\"BACKWARD\"}"));
    }

    @Test
    void compatibilityIsConfiguredGloballyAndPerSubject() throws Exception {
        register("payments-value", PAYMENT_V1);

        assertThat(put("/config/payments-value", "{\"compatibility\":\"NONE\"}").body()).isEqualTo(json.readTree("{\"compatibility\":\"NONE\"}"));
        assertThat(get("/config/payments-value").body()).isEqualTo(json.readTree("{\"compatibilityLevel\":\"NONE\"}"));
        assertThat(register("payments-value", PAYMENT_WITHOUT_DEFAULT).status()).isEqualTo(200);
        assertError(get("/config/orders-value"), 404, 40408);
        assertThat(get("/config/orders-value?defaultToGlobal=true").body()).isEqualTo(json.readTree("{\"compatibilityLevel\":\"BACKWARD\"}"));
        assertThat(delete("/config/payments-value").body()).isEqualTo(json.readTree("{\"compatibilityLevel\":\"NONE\"}"));
        assertError(get("/config/payments-value"), 404, 40408);

        assertThat(put("/config", "{\"compatibility\":\"full_transitive\"}").body()).isEqualTo(json.readTree("{\"compatibility\":\"FULL_TRANSITIVE\"}"));
        assertThat(get("/config").body()).isEqualTo(json.readTree("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}"));
        assertThat(delete("/config").body()).isEqualTo(json.readTree("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}"));
        assertThat(get("/config").body()).isEqualTo(json.readTree("{\"compatibilityLevel\":\"BACKWARD\"}"));
        assertError(put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
    }

    @Test
    void aSchemaIsCheckedAgainstAVersionWithoutBeingRegistered() throws Exception {
        register("payments-value", PAYMENT_V1);

        Answer compatible = post("/compatibility/subjects/payments-value/versions/latest", schemaBody(PAYMENT_V2));
        Answer incompatible = post("/compatibility/subjects/payments-value/versions/1?verbose=true", schemaBody(PAYMENT_WITHOUT_DEFAULT));

        assertThat(compatible.body()).isEqualTo(json.readTree("{\"is_compatible\":true}"));
        assertThat(incompatible.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.body().get("messages")).isNotEmpty();
        assertThat(post("/compatibility/subjects/payments-value/versions", schemaBody(PAYMENT_V2)).body())
                .isEqualTo(json.readTree("{\"is_compatible\":true}"));
        assertError(post("/compatibility/subjects/unknown/versions/1", schemaBody(PAYMENT_V2)), 404, 40401);
        assertError(post("/compatibility/subjects/payments-value/versions/9", schemaBody(PAYMENT_V2)), 404, 40402);
        assertThat(get("/subjects/payments-value/versions").body()).isEqualTo(json.readTree("[1]"));
    }

    @Test
    void aVersionIsDeletedSoftlyFirstThenPermanently() throws Exception {
        register("payments-value", PAYMENT_V1);
        register("payments-value", PAYMENT_V2);

        assertThat(delete("/subjects/payments-value/versions/2").body()).isEqualTo(json.readTree("2"));
        assertThat(get("/subjects/payments-value/versions").body()).isEqualTo(json.readTree("[1]"));
        assertThat(get("/subjects/payments-value/versions?deleted=true").body()).isEqualTo(json.readTree("[1,2]"));
        assertError(get("/subjects/payments-value/versions/2"), 404, 40402);
        assertThat(get("/subjects/payments-value/versions/2?deleted=true").body().get("id").asInt()).isEqualTo(2);
        assertThat(get("/subjects/payments-value/versions/latest").body().get("version").asInt()).isEqualTo(1);
        assertError(delete("/subjects/payments-value/versions/2"), 404, 40406);
        assertError(delete("/subjects/payments-value/versions/1?permanent=true"), 404, 40407);

        assertThat(delete("/subjects/payments-value/versions/2?permanent=true").body()).isEqualTo(json.readTree("2"));
        assertThat(get("/subjects/payments-value/versions?deleted=true").body()).isEqualTo(json.readTree("[1]"));
        assertError(delete("/subjects/payments-value/versions/5"), 404, 40402);
        assertError(delete("/subjects/unknown/versions/1"), 404, 40401);
    }

    @Test
    void aSubjectIsDeletedSoftlyFirstThenPermanentlyAndItsSchemaIdsStillResolve() throws Exception {
        register("payments-value", PAYMENT_V1);
        register("payments-value", PAYMENT_V2);
        register("refunds-value", PAYMENT_V1);

        assertError(delete("/subjects/payments-value?permanent=true"), 404, 40405);
        assertThat(delete("/subjects/payments-value").body()).isEqualTo(json.readTree("[1,2]"));
        assertThat(get("/subjects").body()).isEqualTo(json.readTree("[\"refunds-value\"]"));
        assertThat(get("/subjects?deleted=true").body()).isEqualTo(json.readTree("[\"payments-value\",\"refunds-value\"]"));
        assertError(get("/subjects/payments-value/versions"), 404, 40401);
        assertError(delete("/subjects/payments-value"), 404, 40404);

        assertThat(delete("/subjects/payments-value?permanent=true").body()).isEqualTo(json.readTree("[1,2]"));
        assertThat(get("/subjects?deleted=true").body()).isEqualTo(json.readTree("[\"refunds-value\"]"));
        assertError(delete("/subjects/payments-value"), 404, 40401);
        assertThat(get("/schemas/ids/2").status()).as("records in topics still carry id 2").isEqualTo(200);
        assertThat(register("payments-value", PAYMENT_V2).body()).as("same schema, same id").isEqualTo(json.readTree("{\"id\":2}"));
    }

    @Test
    void anInvalidSchemaIs422With42201AndAOneLineMessage() throws Exception {
        String undefinedType = record("Payment", "{\"name\":\"amount\",\"type\":\"Money\"}");

        for (String body : List.of(schemaBody(undefinedType), schemaBody("{not avro"), schemaBody("{\"type\":\"record\",\"name\":\"R\"}"),
                "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}", "{}")) {
            Answer answer = post("/subjects/payments-value/versions", body);

            assertError(answer, 422, 42201);
            assertThat(answer.body().get("message").asText()).as(body).doesNotContain("\n");
        }
        assertError(post("/subjects/payments-value/versions", "not json"), 400, 400);
        assertError(get("/subjects/payments-value/versions/one"), 422, 42202);
    }

    @Test
    void subjectsAreListedByPrefixAndSchemaIdsNameTheirSubjectsAndVersions() throws Exception {
        register("orders-value", PAYMENT_V1);
        register("orders-key", PAYMENT_V1);
        register("payments-value", PAYMENT_V1);

        assertThat(get("/subjects?subjectPrefix=orders").body()).isEqualTo(json.readTree("[\"orders-key\",\"orders-value\"]"));
        assertThat(get("/schemas/ids/1/subjects").body()).isEqualTo(json.readTree("[\"orders-key\",\"orders-value\",\"payments-value\"]"));
        assertThat(get("/schemas/ids/1/versions").body()).isEqualTo(json.readTree(
                "[{\"subject\":\"orders-key\",\"version\":1},{\"subject\":\"orders-value\",\"version\":1},{\"subject\":\"payments-value\",\"version\":1}]"));
        assertThat(get("/schemas/ids/1/schema").body()).isEqualTo(json.readTree(PAYMENT_V1));
        assertThat(get("/subjects/orders-value/versions/1/schema").body()).isEqualTo(json.readTree(PAYMENT_V1));
        assertError(get("/schemas/ids/7/subjects"), 404, 40403);
        assertThat(post("/subjects/orders-value", schemaBody(PAYMENT_V1)).body().get("version").asInt()).isEqualTo(1);
        assertError(post("/subjects/orders-value", schemaBody(PAYMENT_V2)), 404, 40403);
    }

    @Test
    void aSchemaUsesATypeOfAnotherSubjectThroughAReference() throws Exception {
        register("money", record("Money", "{\"name\":\"cents\",\"type\":\"long\"},{\"name\":\"currency\",\"type\":\"string\"}"));
        String order = record("Order", "{\"name\":\"total\",\"type\":\"test.Money\"}");
        String withReference = json.writeValueAsString(Map.of("schema", order,
                "references", List.of(Map.of("name", "test.Money", "subject", "money", "version", 1))));

        Answer registered = post("/subjects/orders-value/versions", withReference);
        int id = registered.body().get("id").asInt();
        JsonNode byId = get("/schemas/ids/" + id).body();

        assertThat(registered.status()).isEqualTo(200);
        assertThat(json.readTree(byId.get("schema").asText())).isEqualTo(json.readTree(order));
        assertThat(byId.get("references")).isEqualTo(json.readTree("[{\"name\":\"test.Money\",\"subject\":\"money\",\"version\":1}]"));
        assertThat(get("/subjects/money/versions/1/referencedby").body()).isEqualTo(json.readTree("[" + id + "]"));
        assertThat(get("/subjects/orders-value/versions/1").body().get("references")).isEqualTo(byId.get("references"));
        assertError(register("other-value", order), 422, 42201);
        assertError(post("/subjects/orders-value/versions", withReference.replace("\"version\":1", "\"version\":3")), 422, 42201);
    }

    @Test
    void idsDeletesAndCompatibilityLastAcrossARestartOfAPersistentRegistry() throws Exception {
        Path journal = folder.resolve("registry").resolve("schemas.jsonl");
        server.close();
        server = SchemaRegistryServer.start("127.0.0.1", 0, InMemorySchemaRegistry.persistentIn(journal));
        register("refunds-value", PAYMENT_V2);
        register("payments-value", PAYMENT_V1);
        register("payments-value", PAYMENT_V2);
        delete("/subjects/payments-value/versions/2");
        put("/config/payments-value", "{\"compatibility\":\"FORWARD\"}");

        server.close();
        server = SchemaRegistryServer.start("127.0.0.1", 0, InMemorySchemaRegistry.persistentIn(journal));

        assertThat(new Schema.Parser().parse(get("/schemas/ids/1").body().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(PAYMENT_V2));
        assertThat(get("/subjects/payments-value/versions/1").body().get("id").asInt()).isEqualTo(2);
        assertThat(get("/subjects/payments-value/versions").body()).isEqualTo(json.readTree("[1]"));
        assertThat(get("/subjects/payments-value/versions?deleted=true").body()).isEqualTo(json.readTree("[1,2]"));
        assertThat(get("/config/payments-value").body()).isEqualTo(json.readTree("{\"compatibilityLevel\":\"FORWARD\"}"));
        assertThat(register("invoices-value", record("Invoice", "{\"name\":\"id\",\"type\":\"string\"}")).body())
                .isEqualTo(json.readTree("{\"id\":3}"));
    }

    @Test
    void withBasicAuthenticationEveryRequestMustPresentTheCredentials() throws Exception {
        server.close();
        server = SchemaRegistryServer.start("127.0.0.1", 0, new InMemorySchemaRegistry(), Optional.of("alice:s3cret"));

        Answer anonymous = get("/subjects");
        authorization = "Basic " + Base64.getEncoder().encodeToString("alice:wrong".getBytes());
        Answer wrongPassword = get("/subjects");
        authorization = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes());
        Answer authenticated = get("/subjects");

        assertError(anonymous, 401, 401);
        assertThat(anonymous.wwwAuthenticate()).startsWith("Basic realm=");
        assertError(wrongPassword, 401, 401);
        assertThat(authenticated.status()).isEqualTo(200);
        SchemaRegistryClient client = SchemaRegistries.connect(server.url(), Map.of(SchemaRegistries.BASIC_AUTH_USER_INFO, "alice:s3cret"));
        assertThat(client.register("payments-value", new Schema.Parser().parse(PAYMENT_V1))).isEqualTo(1);
    }

    // -----------------------------------------------------------------------------------------------------------

    private void assertError(Answer answer, int status, int errorCode) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().get("error_code").asInt()).as(answer.body().toString()).isEqualTo(errorCode);
        assertThat(answer.body().get("message").asText()).isNotBlank();
    }

    private String schemaBody(String schema) throws IOException {
        return json.writeValueAsString(Map.of("schema", schema));
    }

    private Answer register(String subject, String schema) throws Exception {
        return post("/subjects/" + subject + "/versions", schemaBody(schema));
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    private Answer delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    private Answer post(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer put(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", CONTENT_TYPE).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()),
                response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    private record Answer(int status, JsonNode body, String wwwAuthenticate) {
    }
}
