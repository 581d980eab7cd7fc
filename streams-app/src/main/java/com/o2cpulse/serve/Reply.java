package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A JSON answer, made here or received from another instance: status and body. */
record Reply(int status, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Reply ok(JsonNode body) {
        return new Reply(200, write(body));
    }

    static Reply error(int status, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", message);
        return new Reply(status, write(body));
    }

    static Reply of(ApiException e) {
        return error(e.status(), e.getMessage());
    }

    boolean isUnavailable() {
        return status == 503;
    }

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
