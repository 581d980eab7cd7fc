package com.o2cpulse.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.state.HostInfo;

/** Asks other instances of the application over HTTP, through one shared client. */
final class PeerClient {

    private final HttpClient http;
    private final Duration timeout;

    PeerClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** The reply of {@code host} to GET {@code pathAndQuery}; fails with {@link Unreachable} when there is none. */
    CompletableFuture<Reply> get(HostInfo host, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(uri(host, pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .<Reply>thenApply(response -> new Reply(response.statusCode(), response.body()))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(new Unreachable(host, unwrap(e))));
    }

    /** As {@link #get}, waiting for the reply. */
    Reply getNow(HostInfo host, String pathAndQuery) throws Unreachable {
        try {
            return get(host, pathAndQuery).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Unreachable unreachable) {
                throw unreachable;
            }
            throw e;
        }
    }

    private static URI uri(HostInfo host, String pathAndQuery) {
        String hostName = host.host().contains(":") ? "[" + host.host() + "]" : host.host();
        return URI.create("http://" + hostName + ":" + host.port() + pathAndQuery);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** No HTTP answer from an instance: refused, timed out, or cut off. */
    static final class Unreachable extends IOException {

        private final HostInfo host;

        Unreachable(HostInfo host, Throwable cause) {
            super(host.host() + ":" + host.port() + " is unreachable: " + cause, cause);
            this.host = host;
        }

        HostInfo host() {
            return host;
        }
    }
}
