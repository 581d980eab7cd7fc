package com.o2cpulse.serve;

import java.util.Objects;
import java.util.Optional;

/**
 * Who can reach the HTTP server and how.
 *
 * @param bindAddress      the address the server listens on ({@code 0.0.0.0}: every interface)
 * @param keyStore         the server's certificate; present, the server speaks only HTTPS and calls its peers over HTTPS
 * @param peerTrustStore   what the HTTPS calls to other instances trust; empty: the JDK's certificate authorities
 * @param readerToken      what readers of the API, the dashboard and the stream must present; empty: they are open
 * @param peerToken        what instances present to each other; {@code /internal/*} answers only it. Empty: open,
 *                         which the settings allow only on a loopback address
 * @param metricsNeedToken whether {@code /metrics} asks for the reader token (health endpoints never do)
 */
public record HttpSecurity(String bindAddress, Optional<KeyStoreFile> keyStore, Optional<KeyStoreFile> peerTrustStore,
                           Optional<Secret> readerToken, Optional<Secret> peerToken, boolean metricsNeedToken) {

    /** Loopback only, plain HTTP, no tokens: the embedded demo and tests. */
    public static final HttpSecurity LOOPBACK = new HttpSecurity("127.0.0.1", Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false);

    public HttpSecurity {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(peerTrustStore, "peerTrustStore");
        Objects.requireNonNull(readerToken, "readerToken");
        Objects.requireNonNull(peerToken, "peerToken");
    }

    public boolean tls() {
        return keyStore.isPresent();
    }

    public HttpSecurity withTokens(Secret reader, Secret peer) {
        return new HttpSecurity(bindAddress, keyStore, peerTrustStore, Optional.of(reader), Optional.of(peer), metricsNeedToken);
    }

    public HttpSecurity withTls(KeyStoreFile serverKeys, KeyStoreFile peerTrust) {
        return new HttpSecurity(bindAddress, Optional.of(serverKeys), Optional.of(peerTrust), readerToken, peerToken, metricsNeedToken);
    }

    public HttpSecurity withMetricsNeedingToken(boolean needed) {
        return new HttpSecurity(bindAddress, keyStore, peerTrustStore, readerToken, peerToken, needed);
    }
}
