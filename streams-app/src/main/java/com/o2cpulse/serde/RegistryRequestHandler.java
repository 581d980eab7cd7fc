package com.o2cpulse.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the Confluent Schema Registry REST API (the endpoints producers, consumers and BI tools call) of
 * {@link SchemaRegistryServer} from an {@link InMemorySchemaRegistry}, with Confluent's status codes, error codes and
 * bodies. Only Avro schemas are supported.
 */
final class RegistryRequestHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RegistryRequestHandler.class);

    private final InMemorySchemaRegistry registry;
    private final Optional<byte[]> expectedAuthorization;
    private final ObjectMapper json = new ObjectMapper();

    /** @param basicAuthUserInfo {@code user:password} that every request must present, or empty for none */
    RegistryRequestHandler(InMemorySchemaRegistry registry, Optional<String> basicAuthUserInfo) {
        this.registry = registry;
        this.expectedAuthorization = basicAuthUserInfo.map(userInfo -> ("Basic " + Base64.getEncoder()
                .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            Reply reply;
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"o2c-pulse schema registry\"");
                reply = Reply.error(401, 401, "Unauthorized");
            } else {
                try {
                    reply = route(new Request(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()),
                            query(exchange.getRequestURI().getRawQuery()), new String(requestBody, StandardCharsets.UTF_8)));
                } catch (RegistryRefusal e) {
                    reply = Reply.error(e.status(), e.errorCode(), e.getMessage());
                } catch (SchemaNotFoundException e) {
                    reply = Reply.error(404, 40403, "Schema not found");
                } catch (RuntimeException e) {
                    log.warn("schema registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                    reply = Reply.error(500, 50001, "Error in the backend data store");
                }
            }
            byte[] body = json.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private boolean authorized(HttpExchange exchange) {
        if (expectedAuthorization.isEmpty()) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(expectedAuthorization.get(), given.getBytes(StandardCharsets.UTF_8));
    }

    private record Request(String method, List<String> path, Map<String, String> query, String body) {
        String segment(int index) {
            return path.get(index);
        }

        boolean flag(String name) {
            return "true".equalsIgnoreCase(query.get(name));
        }

        boolean is(String... prefix) {
            if (path.size() != prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (!prefix[i].equals("*") && !prefix[i].equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private Reply route(Request request) {
        if (request.path().isEmpty()) {
            requireMethod(request, "GET");
            return Reply.ok(Map.of());
        }
        return switch (request.segment(0)) {
            case "schemas" -> schemas(request);
            case "subjects" -> subjects(request);
            case "config" -> config(request);
            case "compatibility" -> compatibility(request);
            case "mode" -> {
                requireMethod(request, "GET");
                yield Reply.ok(Map.of("mode", "READWRITE"));
            }
            default -> throw notFound();
        };
    }

    private Reply schemas(Request request) {
        if (request.is("schemas", "types")) {
            requireMethod(request, "GET");
            return Reply.ok(List.of("AVRO"));
        }
        if (request.path().size() < 3 || !request.segment(1).equals("ids") || request.path().size() > 4) {
            throw notFound();
        }
        requireMethod(request, "GET");
        int id = schemaId(request.segment(2));
        if (request.path().size() == 3) {
            Map.Entry<String, List<SchemaReference>> schema = registry.schemaTextById(id);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("schema", schema.getKey());
            putReferences(answer, schema.getValue());
            return Reply.ok(answer);
        }
        return switch (request.segment(3)) {
            case "schema" -> Reply.ok(parseJson(registry.schemaTextById(id).getKey()));
            case "subjects" -> Reply.ok(registry.usesOf(id, request.flag("deleted")).stream().map(RegisteredSchema::subject).distinct().toList());
            case "versions" -> Reply.ok(registry.usesOf(id, request.flag("deleted")).stream()
                    .map(use -> Map.of("subject", use.subject(), "version", use.version())).toList());
            default -> throw notFound();
        };
    }

    private Reply subjects(Request request) {
        if (request.path().size() == 1) {
            requireMethod(request, "GET");
            String prefix = request.query().getOrDefault("subjectPrefix", "");
            return Reply.ok(registry.subjects(request.flag("deleted")).stream().filter(subject -> subject.startsWith(prefix)).toList());
        }
        String subject = request.segment(1);
        if (request.path().size() == 2) {
            if (request.method().equals("DELETE")) {
                return Reply.ok(registry.deleteSubject(subject, request.flag("permanent")));
            }
            requireMethod(request, "POST");
            SchemaRequest schema = schemaRequest(request.body());
            existingVersions(subject, request.flag("deleted"));
            return Reply.ok(registry.lookup(subject, schema.text(), schema.references(), request.flag("deleted"))
                    .map(this::describe).orElseThrow(() -> RegistryRefusal.schemaNotFound("")));
        }
        if (!request.segment(2).equals("versions") || request.path().size() > 5) {
            throw notFound();
        }
        if (request.path().size() == 3) {
            if (request.method().equals("POST")) {
                SchemaRequest schema = schemaRequest(request.body());
                return Reply.ok(Map.of("id", registry.register(subject, schema.text(), schema.references())));
            }
            requireMethod(request, "GET");
            return Reply.ok(existingVersions(subject, request.flag("deleted")));
        }
        String versionText = request.segment(3);
        if (request.path().size() == 4 && request.method().equals("DELETE")) {
            Integer number = isLatest(versionText) ? null : versionNumber(versionText);
            return Reply.ok(registry.deleteVersion(subject, number, request.flag("permanent")));
        }
        requireMethod(request, "GET");
        RegisteredSchema version = version(subject, versionText, request.flag("deleted"));
        if (request.path().size() == 4) {
            return Reply.ok(describe(version));
        }
        return switch (request.segment(4)) {
            case "schema" -> Reply.ok(parseJson(registry.schemaTextById(version.id()).getKey()));
            case "referencedby" -> Reply.ok(registry.referencedBy(subject, version.version()));
            default -> throw notFound();
        };
    }

    private Reply config(Request request) {
        if (request.path().size() > 2) {
            throw notFound();
        }
        String subject = request.path().size() == 2 ? request.segment(1) : null;
        switch (request.method()) {
            case "GET" -> {
                CompatibilityLevel level = subject == null ? registry.globalCompatibility()
                        : registry.subjectCompatibility(subject).or(() -> request.flag("defaultToGlobal")
                                ? Optional.of(registry.globalCompatibility()) : Optional.empty())
                        .orElseThrow(() -> noSubjectConfig(subject));
                return Reply.ok(Map.of("compatibilityLevel", level.name()));
            }
            case "PUT" -> {
                JsonNode body = parseBody(request.body());
                String text = body.path("compatibility").asText(null);
                CompatibilityLevel level = CompatibilityLevel.parse(text).orElseThrow(() -> RegistryRefusal.invalidCompatibility(text));
                registry.setCompatibility(subject, level);
                return Reply.ok(Map.of("compatibility", level.name()));
            }
            case "DELETE" -> {
                if (subject != null && registry.subjectCompatibility(subject).isEmpty()) {
                    throw noSubjectConfig(subject);
                }
                return Reply.ok(Map.of("compatibilityLevel", registry.setCompatibility(subject, null).orElseThrow().name()));
            }
            default -> throw methodNotAllowed();
        }
    }

    private Reply compatibility(Request request) {
        if (!(request.is("compatibility", "subjects", "*", "versions") || request.is("compatibility", "subjects", "*", "versions", "*"))) {
            throw notFound();
        }
        requireMethod(request, "POST");
        String subject = request.segment(2);
        SchemaRequest schema = schemaRequest(request.body());
        List<String> problems;
        if (request.path().size() == 5) {
            RegisteredSchema version = version(subject, request.segment(4), false);
            problems = registry.compatibilityProblems(subject, version.version(), schema.text(), schema.references());
        } else {
            problems = registry.compatibilityProblems(subject, null, schema.text(), schema.references());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("is_compatible", problems.isEmpty());
        if (request.flag("verbose")) {
            answer.put("messages", problems);
        }
        return Reply.ok(answer);
    }

    private RegisteredSchema version(String subject, String versionText, boolean deleted) {
        Integer given = isLatest(versionText) ? null : versionNumber(versionText);
        List<Integer> versions = existingVersions(subject, deleted);
        int number = given == null ? versions.get(versions.size() - 1) : given;
        return registry.version(subject, number, deleted)
                .orElseThrow(() -> RegistryRefusal.versionNotFound(subject, versionText));
    }

    private List<Integer> existingVersions(String subject, boolean deleted) {
        List<Integer> versions = registry.versions(subject, deleted);
        if (versions.isEmpty()) {
            throw RegistryRefusal.subjectNotFound(subject);
        }
        return versions;
    }

    private static boolean isLatest(String versionText) {
        return versionText.equals("latest") || versionText.equals("-1");
    }

    private static int versionNumber(String versionText) {
        try {
            int number = Integer.parseInt(versionText);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RegistryRefusal.invalidVersion(versionText);
    }

    private static int schemaId(String idText) {
        try {
            return Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            throw RegistryRefusal.schemaNotFound(idText);
        }
    }

    private record SchemaRequest(String text, List<SchemaReference> references) {
    }

    private SchemaRequest schemaRequest(String body) {
        JsonNode request = parseBody(body);
        JsonNode schemaType = request.get("schemaType");
        if (schemaType != null && !schemaType.isNull() && !schemaType.asText().equalsIgnoreCase("AVRO")) {
            throw RegistryRefusal.invalidSchema("only AVRO schemas are supported, not " + schemaType.asText());
        }
        JsonNode schema = request.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryRefusal.invalidSchema("the request has no \"schema\" string");
        }
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode reference : request.path("references")) {
            if (!reference.path("name").isTextual() || !reference.path("subject").isTextual() || !reference.path("version").canConvertToInt()) {
                throw RegistryRefusal.invalidSchema("a reference needs a \"name\", a \"subject\" and a \"version\": " + reference);
            }
            references.add(new SchemaReference(reference.get("name").asText(), reference.get("subject").asText(), reference.get("version").asInt()));
        }
        return new SchemaRequest(schema.asText(), references);
    }

    private JsonNode parseBody(String body) {
        try {
            JsonNode request = json.readTree(body);
            if (request != null && request.isObject()) {
                return request;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw new RegistryRefusal(400, 400, "The request body is not a JSON object");
    }

    private JsonNode parseJson(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored schema is not JSON", e);
        }
    }

    private Map<String, Object> describe(RegisteredSchema registered) {
        Map.Entry<String, List<SchemaReference>> schema = registry.schemaTextById(registered.id());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subject", registered.subject());
        answer.put("version", registered.version());
        answer.put("id", registered.id());
        answer.put("schema", schema.getKey());
        putReferences(answer, schema.getValue());
        return answer;
    }

    private static void putReferences(Map<String, Object> answer, List<SchemaReference> references) {
        if (!references.isEmpty()) {
            answer.put("references", references.stream()
                    .map(ref -> Map.of("name", ref.name(), "subject", ref.subject(), "version", ref.version())).toList());
        }
    }

    private static void requireMethod(Request request, String allowed) {
        if (!request.method().equals(allowed)) {
            throw methodNotAllowed();
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static List<String> segments(String rawPath) {
        try {
            return Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
                    .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static RegistryRefusal noSubjectConfig(String subject) {
        return new RegistryRefusal(404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    private static RegistryRefusal notFound() {
        return new RegistryRefusal(404, 404, "HTTP 404 Not Found");
    }

    private static RegistryRefusal methodNotAllowed() {
        return new RegistryRefusal(405, 405, "HTTP 405 Method Not Allowed");
    }

    /** An HTTP status with its JSON body. */
    private record Reply(int status, Object body) {

        static Reply ok(Object body) {
            return new Reply(200, body);
        }

        static Reply error(int status, int errorCode, String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error_code", errorCode);
            body.put("message", message);
            return new Reply(status, body);
        }
    }
}
