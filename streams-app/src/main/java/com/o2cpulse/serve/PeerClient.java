package com.o2cpulse.serve;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks other instances of the application over HTTP, through one shared client: over HTTPS when this instance
 * serves HTTPS (instances of one application are configured alike), with the peer token when there is one.
 */
final class PeerClient {

    private final HttpClient http;
    private final Duration timeout;
    private final String scheme;
    private final Optional<Secret> peerToken;
    private final Counter unreachable;

    /** @param unreachable counts the requests that got no answer (a log line each would flood the log in an outage) */
    PeerClient(Duration timeout, HttpSecurity security, Counter unreachable) {
        this.unreachable = unreachable;
        this.timeout = timeout;
        this.scheme = security.tls() ? "https" : "http";
        this.peerToken = security.peerToken();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout);
        security.peerTrustStore().ifPresent(trust -> builder.sslContext(trusting(trust)));
        this.http = builder.build();
    }

    private static SSLContext trusting(KeyStoreFile trustStore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore.load());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot trust " + trustStore.location() + ": " + e.getMessage(), e);
        }
    }

    /** The reply of {@code host} to GET {@code pathAndQuery}; fails with {@link Unreachable} when there is none. */
    CompletableFuture<Reply> get(HostInfo host, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(host, pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        peerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token.reveal()));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .<Reply>thenApply(response -> new Reply(response.statusCode(), response.body()))
                .exceptionallyCompose(e -> {
                    unreachable.increment();
                    return CompletableFuture.failedFuture(new Unreachable(host, unwrap(e)));
                });
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

    private URI uri(HostInfo host, String pathAndQuery) {
        String hostName = host.host().contains(":") ? "[" + host.host() + "]" : host.host();
        return URI.create(scheme + "://" + hostName + ":" + host.port() + pathAndQuery);
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
