package com.o2cpulse.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API that caches schema ids and schemas; several base URLs are tried
 * in order. Settings are those documented in {@link SchemaRegistries}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, "
            + "application/json; q=0.5";
    private static final int MAX_ERROR_BODY_CHARS = 300;

    private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

    private final List<URI> baseUrls;
    private final RegistryClientSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentMap<String, ConcurrentMap<String, Integer>> idsBySubjectAndSchemaText =
            new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final SchemaRegistryAvailability availability;

    /** A client of the registries at {@code baseUrls}, tried in order, with the {@link SchemaRegistries} settings. */
    public HttpSchemaRegistryClient(List<URI> baseUrls, Map<String, String> settings) {
        this(baseUrls, settings, new SchemaRegistryAvailability());
    }

    /** The same, reporting every answer and every outage to {@code availability}. */
    public HttpSchemaRegistryClient(List<URI> baseUrls, Map<String, String> settings,
            SchemaRegistryAvailability availability) {
        this.availability = Objects.requireNonNull(availability, "availability");
        if (baseUrls == null || baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is required");
        }
        this.baseUrls = List.copyOf(baseUrls);
        this.settings = RegistryClientSettings.parse(settings);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.settings.requestTimeout());
        this.settings.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
        log.info("schema registry client for {} with {}", this.baseUrls, this.settings);
    }

    @Override
    public int register(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        String schemaText = schema.toString();
        Map<String, Integer> ids = idsBySubjectAndSchemaText.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schemaText);
        if (cached != null) {
            return cached;
        }
        String body = toJson(Map.of("schema", schemaText));
        JsonNode answer = send("POST", "/subjects/" + pathSegment(subject) + "/versions", body,
                "subject '" + subject + "'");
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException("schema registry answered registration under subject '" + subject
                    + "' without an id: " + abbreviate(answer.toString()));
        }
        ids.put(schemaText, id.intValue());
        schemasById.putIfAbsent(id.intValue(), schema);
        return id.intValue();
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, "schema id " + id);
        JsonNode schemaType = answer.get("schemaType");
        if (schemaType != null && !"AVRO".equalsIgnoreCase(schemaType.asText())) {
            throw new SchemaRegistryException("schema id " + id + " is a " + schemaType.asText()
                    + " schema, not Avro");
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("schema registry answered schema id " + id + " without a schema: "
                    + abbreviate(answer.toString()));
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("schema id " + id + " is not a valid Avro schema: " + e.getMessage(), e);
        }
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    private JsonNode send(String method, String path, String body, String what) {
        SchemaRegistryException lastFailure = null;
        for (URI baseUrl : baseUrls) {
            try {
                HttpResponse<String> response =
                        http.send(request(method, baseUrl, path, body), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    availability.answered();
                    return parse(response.body(), baseUrl, what);
                }
                lastFailure = refusal(response, method, baseUrl, what);
                if (!(lastFailure instanceof SchemaRegistryUnavailableException)) {
                    availability.answered();
                    throw lastFailure;
                }
            } catch (SSLException e) {
                lastFailure = new SchemaRegistryException("TLS with schema registry " + baseUrl + " failed ("
                        + e.getMessage() + "); check the " + SchemaRegistries.SSL_TRUSTSTORE_LOCATION + " and "
                        + SchemaRegistries.SSL_KEYSTORE_LOCATION + " settings", e);
            } catch (IOException e) {
                lastFailure = new SchemaRegistryUnavailableException("schema registry " + baseUrl
                        + " is unreachable: " + e, e);
            } catch (InterruptedException e) {
                throw new InterruptException("interrupted while asking the schema registry for " + what, e);
            }
            if (lastFailure instanceof SchemaRegistryUnavailableException) {
                // Logged once per outage by the availability, not once per request.
                log.debug("{}", lastFailure.getMessage());
            } else {
                log.warn("{}", lastFailure.getMessage());
            }
        }
        if (lastFailure instanceof SchemaRegistryUnavailableException unavailable) {
            SchemaRegistryUnavailableException outage = baseUrls.size() == 1 ? unavailable
                    : new SchemaRegistryUnavailableException("none of the schema registries " + baseUrls
                            + " answered for " + what + "; last: " + lastFailure.getMessage(), lastFailure);
            availability.unreachable(outage);
            throw outage;
        }
        throw lastFailure;
    }

    /** The exception for a non-2xx answer: unavailable (worth another URL or a retry), not found, or refused. */
    private SchemaRegistryException refusal(HttpResponse<String> response, String method, URI baseUrl, String what) {
        int status = response.statusCode();
        ErrorBody error = ErrorBody.parse(json, status, response.body());
        if (status >= 500 || status == 408 || status == 429) {
            return new SchemaRegistryUnavailableException("schema registry " + baseUrl + " answered " + error
                    + " for " + what, null);
        }
        // Rejected credentials (expired, rotated, revoked) say nothing about the record: like an outage, processing
        // waits for them to be fixed instead of dead-lettering every valid record meanwhile.
        if (status == 401 || status == 403) {
            return new SchemaRegistryUnavailableException("schema registry " + baseUrl + " rejected the credentials ("
                    + error + ") for " + what + "; check schema.registry.basic.auth.user.info", null);
        }
        if (error.isNotFound()) {
            return new SchemaNotFoundException(what + " not found in schema registry " + baseUrl + ": " + error);
        }
        if (status == 404) {
            return new SchemaRegistryException("schema registry " + baseUrl + " answered " + error + " for " + what
                    + " without a registry error code; is the URL that of a schema registry?");
        }
        return new SchemaRegistryException("schema registry " + baseUrl + " refused " + method + " for " + what
                + ": " + error);
    }

    private HttpRequest request(String method, URI baseUrl, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        settings.authorizationHeader().ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            return builder.GET().build();
        }
        return builder.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private JsonNode parse(String body, URI baseUrl, String what) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException("schema registry " + baseUrl + " answered " + what
                    + " with something other than JSON: " + abbreviate(body), e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a registry request as JSON", e);
        }
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String text) {
        return text.length() <= MAX_ERROR_BODY_CHARS ? text : text.substring(0, MAX_ERROR_BODY_CHARS) + "...";
    }

    /** A registry error answer: {@code {"error_code":40403,"message":"Schema not found"}}, or whatever came. */
    private record ErrorBody(int status, Integer errorCode, String message) {

        static ErrorBody parse(ObjectMapper json, int status, String body) {
            try {
                JsonNode node = json.readTree(body);
                if (node != null && node.isObject()) {
                    JsonNode code = node.get("error_code");
                    JsonNode message = node.get("message");
                    return new ErrorBody(status, code != null && code.canConvertToInt() ? code.intValue() : null,
                            message != null ? message.asText() : abbreviate(body));
                }
            } catch (JsonProcessingException e) {
                // not JSON, e.g. a proxy's HTML error page: keep the start of it as the message
            }
            return new ErrorBody(status, null, abbreviate(body == null ? "" : body.strip()));
        }

        /** Confluent's not-found codes are 404xx (subject 40401, version 40402, schema 40403); a bare 404 is not. */
        boolean isNotFound() {
            return status == 404 && errorCode != null && errorCode / 100 == 404;
        }

        @Override
        public String toString() {
            return "HTTP " + status + (errorCode != null ? " error " + errorCode : "") + ": " + message;
        }
    }
}
