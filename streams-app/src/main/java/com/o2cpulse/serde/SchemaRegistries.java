package com.o2cpulse.serde;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Connects to a schema registry named by URL.
 *
 * <ul>
 *   <li>{@code mock://<scope>}: a new, empty {@link InMemorySchemaRegistry} on every call (pass the same instance
 *       around to share one); the settings are ignored.</li>
 *   <li>{@code http://host:port} or {@code https://host:port}, optionally with a path prefix, or several of them
 *       separated by commas: an {@link HttpSchemaRegistryClient} that tries them in order. Credentials belong in
 *       {@value #BASIC_AUTH_USER_INFO}, never in the URL.</li>
 * </ul>
 *
 * <p>Settings (all optional):
 * <table>
 *   <caption>Schema registry client settings</caption>
 *   <tr><td>{@value #BASIC_AUTH_USER_INFO}</td><td>{@code user:password}, sent as HTTP Basic authorization</td></tr>
 *   <tr><td>{@value #SSL_TRUSTSTORE_LOCATION}</td><td>key store file with the certificates to trust (default: the
 *       JDK's)</td></tr>
 *   <tr><td>{@value #SSL_TRUSTSTORE_PASSWORD}</td><td>its password</td></tr>
 *   <tr><td>{@value #SSL_TRUSTSTORE_TYPE}</td><td>its type, {@code PKCS12} (default) or {@code JKS}</td></tr>
 *   <tr><td>{@value #SSL_KEYSTORE_LOCATION}</td><td>key store with the client certificate, for mutual TLS</td></tr>
 *   <tr><td>{@value #SSL_KEYSTORE_PASSWORD}</td><td>its password, also used for the private key</td></tr>
 *   <tr><td>{@value #SSL_KEYSTORE_TYPE}</td><td>its type, {@code PKCS12} (default) or {@code JKS}</td></tr>
 *   <tr><td>{@value #REQUEST_TIMEOUT_MS}</td><td>connect and request timeout per registry URL in milliseconds
 *       (default 30000)</td></tr>
 * </table>
 */
public final class SchemaRegistries {

    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String SSL_TRUSTSTORE_LOCATION = "ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "ssl.keystore.type";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";

    private static final String MOCK_SCHEME = "mock://";

    private SchemaRegistries() {
    }

    /** A client of the registry at {@code url} with the settings above; a malformed URL or setting is rejected. */
    public static SchemaRegistryClient connect(String url, Map<String, String> settings) {
        return connect(url, settings, new SchemaRegistryAvailability());
    }

    /** The same, an HTTP client reporting every answer and every outage to {@code availability}. */
    public static SchemaRegistryClient connect(String url, Map<String, String> settings,
            SchemaRegistryAvailability availability) {
        List<String> urls = splitUrls(url);
        if (urls.stream().anyMatch(u -> u.startsWith(MOCK_SCHEME))) {
            if (urls.size() > 1) {
                throw new IllegalArgumentException("schema registry URL '" + url + "' mixes mock:// with other URLs");
            }
            return new InMemorySchemaRegistry();
        }
        List<URI> baseUrls = new ArrayList<>();
        for (String each : urls) {
            baseUrls.add(httpBaseUrl(each));
        }
        return new HttpSchemaRegistryClient(baseUrls, settings, availability);
    }

    private static List<String> splitUrls(String url) {
        List<String> urls = url == null ? List.of()
                : Arrays.stream(url.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("schema registry URL is empty: expected mock://<scope> or "
                    + "http(s)://host:port (comma-separated for several)");
        }
        return urls;
    }

    private static URI httpBaseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw unsupported(url);
        }
        String scheme = uri.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw unsupported(url);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("schema registry URL for host " + uri.getHost()
                    + " carries credentials: put them in " + BASIC_AUTH_USER_INFO + " instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("schema registry URL '" + url + "' must not have a query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme.toLowerCase() + "://" + uri.getRawAuthority() + path);
    }

    private static IllegalArgumentException unsupported(String url) {
        return new IllegalArgumentException("unsupported schema registry URL '" + url
                + "': expected mock://<scope> or http(s)://host:port (comma-separated for several)");
    }
}
