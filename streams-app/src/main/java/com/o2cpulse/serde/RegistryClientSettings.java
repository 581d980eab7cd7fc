package com.o2cpulse.serde;

import static com.o2cpulse.serde.SchemaRegistries.BASIC_AUTH_USER_INFO;
import static com.o2cpulse.serde.SchemaRegistries.REQUEST_TIMEOUT_MS;
import static com.o2cpulse.serde.SchemaRegistries.SSL_KEYSTORE_LOCATION;
import static com.o2cpulse.serde.SchemaRegistries.SSL_KEYSTORE_PASSWORD;
import static com.o2cpulse.serde.SchemaRegistries.SSL_KEYSTORE_TYPE;
import static com.o2cpulse.serde.SchemaRegistries.SSL_TRUSTSTORE_LOCATION;
import static com.o2cpulse.serde.SchemaRegistries.SSL_TRUSTSTORE_PASSWORD;
import static com.o2cpulse.serde.SchemaRegistries.SSL_TRUSTSTORE_TYPE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP client settings documented in {@link SchemaRegistries}, parsed and checked; never shows secrets. */
final class RegistryClientSettings {

    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RegistryClientSettings.class);
    private static final Set<String> KNOWN_KEYS = Set.of(BASIC_AUTH_USER_INFO, SSL_TRUSTSTORE_LOCATION,
            SSL_TRUSTSTORE_PASSWORD, SSL_TRUSTSTORE_TYPE, SSL_KEYSTORE_LOCATION, SSL_KEYSTORE_PASSWORD,
            SSL_KEYSTORE_TYPE, REQUEST_TIMEOUT_MS);

    private final String authorizationHeader;
    private final StoreSettings trustStore;
    private final StoreSettings keyStore;
    private final Duration requestTimeout;

    private RegistryClientSettings(String authorizationHeader, StoreSettings trustStore, StoreSettings keyStore,
            Duration requestTimeout) {
        this.authorizationHeader = authorizationHeader;
        this.trustStore = trustStore;
        this.keyStore = keyStore;
        this.requestTimeout = requestTimeout;
    }

    static RegistryClientSettings parse(Map<String, String> settings) {
        Map<String, String> given = settings == null ? Map.of() : settings;
        given.keySet().stream().filter(key -> !KNOWN_KEYS.contains(key))
                .forEach(key -> log.warn("ignoring unknown schema registry setting {}", key));
        return new RegistryClientSettings(
                basicAuthorization(given.get(BASIC_AUTH_USER_INFO)),
                StoreSettings.parse(given, SSL_TRUSTSTORE_LOCATION, SSL_TRUSTSTORE_PASSWORD, SSL_TRUSTSTORE_TYPE),
                StoreSettings.parse(given, SSL_KEYSTORE_LOCATION, SSL_KEYSTORE_PASSWORD, SSL_KEYSTORE_TYPE),
                requestTimeout(given.get(REQUEST_TIMEOUT_MS)));
    }

    Optional<String> authorizationHeader() {
        return Optional.ofNullable(authorizationHeader);
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /** The TLS context to use, or empty for the JDK's default trust and no client certificate. */
    Optional<SSLContext> sslContext() {
        if (trustStore == null && keyStore == null) {
            return Optional.empty();
        }
        return Optional.of(SslContexts.create(trustStore, keyStore));
    }

    @Override
    public String toString() {
        return "RegistryClientSettings[basicAuth=" + (authorizationHeader != null ? "set" : "none")
                + ", trustStore=" + trustStore + ", keyStore=" + keyStore + ", requestTimeout=" + requestTimeout + "]";
    }

    private static String basicAuthorization(String userInfo) {
        if (userInfo == null || userInfo.isEmpty()) {
            return null;
        }
        if (!userInfo.contains(":")) {
            throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " must have the form user:password");
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static Duration requestTimeout(String millis) {
        if (millis == null || millis.isBlank()) {
            return DEFAULT_REQUEST_TIMEOUT;
        }
        try {
            long value = Long.parseLong(millis.strip());
            if (value > 0) {
                return Duration.ofMillis(value);
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as a non-positive value
        }
        throw new IllegalArgumentException(REQUEST_TIMEOUT_MS + " must be a positive number of milliseconds, not '"
                + millis + "'");
    }

    /** A key store file: where it is, its password and type. */
    record StoreSettings(Path location, char[] password, String type) {

        static StoreSettings parse(Map<String, String> settings, String locationKey, String passwordKey,
                String typeKey) {
            String location = settings.get(locationKey);
            if (location == null || location.isBlank()) {
                if (settings.containsKey(passwordKey) || settings.containsKey(typeKey)) {
                    throw new IllegalArgumentException(passwordKey + " or " + typeKey + " is set without "
                            + locationKey);
                }
                return null;
            }
            String password = settings.get(passwordKey);
            String type = settings.getOrDefault(typeKey, KeyStore.getDefaultType());
            return new StoreSettings(Path.of(location.strip()), password == null ? null : password.toCharArray(),
                    type.strip());
        }

        @Override
        public String toString() {
            return type + " " + location + (password != null ? " (password set)" : "");
        }
    }
}
