package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.schema.events.OrderEvent;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSchemaRegistryClientTlsTest {

    private static final String STORE_PASSWORD = "changeit-tls";

    @TempDir
    static Path dir;
    private static Path keyStore;

    private HttpsServer server;

    @BeforeAll
    static void createSelfSignedCertificate() throws IOException, InterruptedException {
        keyStore = dir.resolve("registry.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD, "-noprompt")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void registersOverHttpsTrustingTheConfiguredTrustStore() throws Exception {
        String url = startHttpsRegistry(false);

        SchemaRegistryClient client = SchemaRegistries.connect(url, trustSettings());

        int id = client.register("o2c.orders-value", OrderEvent.SCHEMA$);
        assertThat(SchemaRegistries.connect(url, trustSettings()).schemaById(id)).isEqualTo(OrderEvent.SCHEMA$);
    }

    @Test
    void untrustedServerCertificateIsAConfigurationErrorNotAnOutage() throws Exception {
        String url = startHttpsRegistry(false);

        SchemaRegistryClient client = SchemaRegistries.connect(url, Map.of());

        assertThatThrownBy(() -> client.register("s", OrderEvent.SCHEMA$))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("TLS")
                .hasMessageContaining("ssl.truststore.location");
    }

    @Test
    void presentsTheClientCertificateFromTheKeyStoreForMutualTls() throws Exception {
        String url = startHttpsRegistry(true);
        Map<String, String> withKeyStore = new HashMap<>(trustSettings());
        withKeyStore.put("ssl.keystore.location", keyStore.toString());
        withKeyStore.put("ssl.keystore.password", STORE_PASSWORD);
        withKeyStore.put("ssl.keystore.type", "PKCS12");

        assertThat(SchemaRegistries.connect(url, withKeyStore).register("s", OrderEvent.SCHEMA$)).isEqualTo(1);
        assertThatThrownBy(() -> SchemaRegistries.connect(url, trustSettings()).register("t", OrderEvent.SCHEMA$))
                .isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void wrongTrustStorePasswordFailsAtConnectWithoutShowingIt() {
        Map<String, String> settings = Map.of("ssl.truststore.location", keyStore.toString(),
                "ssl.truststore.password", "not-the-password");

        assertThatThrownBy(() -> SchemaRegistries.connect("https://127.0.0.1:1", settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(keyStore.toString())
                .hasMessageNotContaining("not-the-password");
    }

    private static Map<String, String> trustSettings() {
        return Map.of("ssl.truststore.location", keyStore.toString(), "ssl.truststore.password", STORE_PASSWORD,
                "ssl.truststore.type", "PKCS12");
    }

    /** An HTTPS registry presenting the self-signed certificate, and requiring the same one from clients if asked. */
    private String startHttpsRegistry(boolean needClientCertificate) throws IOException {
        SSLContext context = SslContexts.create(
                new RegistryClientSettings.StoreSettings(keyStore, STORE_PASSWORD.toCharArray(), "PKCS12"),
                new RegistryClientSettings.StoreSettings(keyStore, STORE_PASSWORD.toCharArray(), "PKCS12"));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(needClientCertificate);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", new RegistryRequestHandler(new InMemorySchemaRegistry(), Optional.empty()));
        server.start();
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }
}
