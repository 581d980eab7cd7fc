package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A test client of one instance's HTTP API. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String authorization;

    ApiClient(int port) {
        this(port, null);
    }

    /** @param authorization the Authorization header sent with every request, or null for none */
    ApiClient(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    /** The same client with another Authorization header, or none when null. */
    ApiClient authorizedAs(String newAuthorization) {
        return new ApiClient(port, newAuthorization);
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    HttpResponse<String> get(String pathAndQuery) {
        try {
            return http.send(request(pathAndQuery).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs and parses the JSON body, whatever the status. */
    JsonNode getJson(String pathAndQuery) {
        return json(get(pathAndQuery));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Opens {@code /api/stream} (or another SSE path) and collects its events in the background. */
    SseListener stream(String pathAndQuery) {
        HttpRequest request = request(pathAndQuery).header("Accept", "text/event-stream").GET().build();
        try {
            return new SseListener(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }
}
