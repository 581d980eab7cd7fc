package com.o2cpulse.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers the Confluent Schema Registry REST endpoints of {@link SchemaRegistryServer} from an in-memory registry. */
final class RegistryRequestHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RegistryRequestHandler.class);

    private final InMemorySchemaRegistry registry;
    private final ObjectMapper json = new ObjectMapper();

    RegistryRequestHandler(InMemorySchemaRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            Reply reply;
            try {
                reply = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()),
                        new String(requestBody, StandardCharsets.UTF_8));
            } catch (RegistryError e) {
                reply = e.reply();
            } catch (RuntimeException e) {
                log.warn("schema registry request {} {} failed", exchange.getRequestMethod(),
                        exchange.getRequestURI(), e);
                reply = Reply.error(500, 50001, "Error in the backend data store");
            }
            byte[] body = json.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private Reply route(String method, List<String> path, String body) {
        if (path.size() == 3 && path.get(0).equals("schemas") && path.get(1).equals("ids")) {
            requireMethod(method, "GET");
            return schemaById(path.get(2));
        }
        if (path.isEmpty() || !path.get(0).equals("subjects")) {
            throw notFound(404, "HTTP 404 Not Found");
        }
        if (path.size() == 1) {
            requireMethod(method, "GET");
            return Reply.ok(registry.subjects());
        }
        String subject = path.get(1);
        if (path.size() == 2) {
            requireMethod(method, "POST");
            return lookup(subject, parseSchema(body));
        }
        if (path.size() == 3 && path.get(2).equals("versions")) {
            if (method.equals("POST")) {
                return Reply.ok(Map.of("id", registry.register(subject, parseSchema(body))));
            }
            requireMethod(method, "GET");
            return Reply.ok(existingVersions(subject));
        }
        if (path.size() == 4 && path.get(2).equals("versions")) {
            requireMethod(method, "GET");
            return version(subject, path.get(3));
        }
        throw notFound(404, "HTTP 404 Not Found");
    }

    private Reply schemaById(String idText) {
        try {
            return Reply.ok(Map.of("schema", registry.schemaById(Integer.parseInt(idText)).toString()));
        } catch (NumberFormatException | SchemaNotFoundException e) {
            throw notFound(40403, "Schema not found");
        }
    }

    private Reply lookup(String subject, Schema schema) {
        existingVersions(subject);
        return Reply.ok(registry.lookup(subject, schema).map(RegistryRequestHandler::describe)
                .orElseThrow(() -> notFound(40403, "Schema not found")));
    }

    private Reply version(String subject, String versionText) {
        List<Integer> versions = existingVersions(subject);
        Optional<RegisteredSchema> found;
        if (versionText.equals("latest") || versionText.equals("-1")) {
            found = registry.version(subject, versions.size());
        } else {
            try {
                found = registry.version(subject, Integer.parseInt(versionText));
            } catch (NumberFormatException e) {
                throw new RegistryError(Reply.error(422, 42202, "The specified version '" + versionText
                        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "
                        + "\"latest\""));
            }
        }
        return Reply.ok(found.map(RegistryRequestHandler::describe)
                .orElseThrow(() -> notFound(40402, "Version " + versionText + " not found.")));
    }

    private List<Integer> existingVersions(String subject) {
        List<Integer> versions = registry.versions(subject);
        if (versions.isEmpty()) {
            throw notFound(40401, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private Schema parseSchema(String body) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RegistryError(Reply.error(400, 400, "request body is not JSON"));
        }
        JsonNode schemaType = request == null ? null : request.get("schemaType");
        if (schemaType != null && !schemaType.asText().equalsIgnoreCase("AVRO")) {
            throw invalidSchema("only AVRO schemas are supported, not " + schemaType.asText());
        }
        JsonNode references = request == null ? null : request.get("references");
        if (references != null && references.size() > 0) {
            throw invalidSchema("schema references are not supported");
        }
        JsonNode schema = request == null ? null : request.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw invalidSchema("the request has no \"schema\" string");
        }
        try {
            return new Schema.Parser().parse(schema.asText());
        } catch (SchemaParseException e) {
            throw invalidSchema(e.getMessage());
        }
    }

    private static Map<String, Object> describe(RegisteredSchema registered) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subject", registered.subject());
        answer.put("version", registered.version());
        answer.put("id", registered.id());
        answer.put("schema", registered.schema().toString());
        return answer;
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new RegistryError(Reply.error(405, 405, "HTTP 405 Method Not Allowed"));
        }
    }

    private static List<String> segments(String rawPath) {
        try {
            return Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
                    .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
        } catch (IllegalArgumentException e) {
            throw notFound(404, "HTTP 404 Not Found");
        }
    }

    private static RegistryError notFound(int errorCode, String message) {
        return new RegistryError(Reply.error(404, errorCode, message));
    }

    private static RegistryError invalidSchema(String detail) {
        return new RegistryError(Reply.error(422, 42201, "Invalid schema: " + detail));
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

    /** Ends a request early with an error reply. */
    private static final class RegistryError extends RuntimeException {

        private final transient Reply reply;

        RegistryError(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }
}
