package com.o2cpulse.serde;

import com.o2cpulse.serde.RegistryClientSettings.StoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context of the registry client from its trust store and optional client key store. */
final class SslContexts {

    private SslContexts() {
    }

    /** A TLS context trusting {@code trustStore} (or the JDK's defaults when null) and presenting {@code keyStore}. */
    static SSLContext create(StoreSettings trustStore, StoreSettings keyStore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore == null ? null : load(trustStore, "trust store"));
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore, "key store"), keyStore.password());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS for the schema registry: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(StoreSettings store, String what) {
        try (InputStream in = Files.newInputStream(store.location())) {
            KeyStore keyStore = KeyStore.getInstance(store.type());
            keyStore.load(in, store.password());
            return keyStore;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the schema registry " + what + " " + store.location()
                    + " (" + store.type() + "): " + e.getMessage(), e);
        }
    }
}
