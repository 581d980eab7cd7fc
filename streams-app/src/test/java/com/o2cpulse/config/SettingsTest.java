package com.o2cpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.serve.HttpSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    private static Settings load(Map<String, String> env) {
        return Settings.load(null, env, Map.of(), Map.of());
    }

    @Test
    void withoutBootstrapServersTheEmbeddedDefaultsApply() {
        Settings settings = load(Map.of());
        assertThat(settings.embedded()).isTrue();
        assertThat(settings.createTopics()).isTrue();
        assertThat(settings.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(settings.invoiceSla()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.topics().input(com.o2cpulse.lifecycle.EventStream.ORDER)).isEqualTo("o2c.orders");
    }

    @Test
    void environmentOverridesTheFileAndOptionsOverrideTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("o2c.properties");
        Files.writeString(file, "business.zone=Europe/Paris\ninvoice.sla=36h\nkafka.num.standby.replicas=1\n");
        Settings settings = Settings.load(file, Map.of("O2C_INVOICE_SLA", "12h", "O2C_BOOTSTRAP_SERVERS", "k:9092"),
                Map.of(Setting.BOOTSTRAP_SERVERS, "other:9092"), Map.of());
        assertThat(settings.businessZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(settings.invoiceSla()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.get(Setting.BOOTSTRAP_SERVERS)).isEqualTo("other:9092");
        assertThat(settings.embedded()).isFalse();
        assertThat(settings.createTopics()).isFalse();
        assertThat(settings.kafkaOverrides()).containsEntry("num.standby.replicas", "1");
    }

    @Test
    void kafkaVariablesBecomeClientSettingsButScriptVariablesDoNot() {
        Settings settings = load(Map.of("KAFKA_NUM_STANDBY_REPLICAS", "2", "KAFKA_HEAP_OPTS", "-Xmx1g", "KAFKA_HOME", "/opt/kafka"));
        assertThat(settings.kafkaOverrides()).containsExactly(Map.entry("num.standby.replicas", "2"));
    }

    @Test
    void invalidSettingsFailWithOneLineNamingTheVariable() {
        assertThatThrownBy(() -> load(Map.of("O2C_INVOICE_SLA", "soon")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("invalid invoice.sla (O2C_INVOICE_SLA) 'soon': expected a duration such as 24h, 90m, 250ms or PT24H");
        assertThatThrownBy(() -> load(Map.of("O2C_BUSINESS_ZONE", "Mars/Olympus"))).hasMessageContaining("O2C_BUSINESS_ZONE");
        assertThatThrownBy(() -> load(Map.of("O2C_PROCESSING_GUARANTEE", "exactly_once"))).hasMessageContaining("at_least_once");
        assertThatThrownBy(() -> load(Map.of("O2C_HTTP_PORT", "70000"))).hasMessageContaining("O2C_HTTP_PORT");
    }

    @Test
    void unknownKeysInTheFileAreRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("o2c.properties");
        Files.writeString(file, "invoice.slaa=36h\n");
        assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of(), Map.of())).hasMessageContaining("unknown setting 'invoice.slaa'");
    }

    @Test
    void secretsAreMaskedWhenSettingsAreDescribed() {
        Settings settings = Settings.load(null, Map.of("O2C_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "bob:hunter2",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";"),
                Map.of(), Map.of("ssl.keystore.password", "hunter2"));
        assertThat(settings.describe().toString()).doesNotContain("hunter2").contains("*****");
    }

    @Test
    void theHttpServerAnswersThisHostOnlyUnlessToldOtherwise() {
        HttpSecurity security = load(Map.of("O2C_BOOTSTRAP_SERVERS", "k:9092")).httpSecurity();

        assertThat(security.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(security.tls()).isFalse();
        assertThat(security.readerToken()).isEmpty();
        assertThat(security.metricsNeedToken()).isFalse();
    }

    @Test
    void listeningBeyondLoopbackNeedsThePeerToken() {
        assertThatThrownBy(() -> load(Map.of("O2C_HTTP_BIND_ADDRESS", "0.0.0.0")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("O2C_HTTP_PEER_TOKEN").hasMessageContaining("0.0.0.0");

        HttpSecurity security = load(Map.of("O2C_HTTP_BIND_ADDRESS", "0.0.0.0", "O2C_HTTP_PEER_TOKEN", "p-123")).httpSecurity();
        assertThat(security.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(security.peerToken()).isPresent();
    }

    @Test
    void tokensComeFromTheEnvironmentOrAFileButNotBoth(@TempDir Path dir) throws IOException {
        Path tokenFile = dir.resolve("reader-token");
        Files.writeString(tokenFile, "from-a-file\n");

        Settings fromFile = load(Map.of("O2C_HTTP_AUTH_TOKEN_FILE", tokenFile.toString()));
        assertThat(fromFile.httpSecurity().readerToken()).hasValueSatisfying(token -> assertThat(token.toString()).isEqualTo("*****"));
        assertThat(fromFile.describe()).containsEntry("http.auth.token.file", tokenFile.toString());

        assertThatThrownBy(() -> load(Map.of("O2C_HTTP_AUTH_TOKEN_FILE", tokenFile.toString(), "O2C_HTTP_AUTH_TOKEN", "t")))
                .hasMessage("set either O2C_HTTP_AUTH_TOKEN or O2C_HTTP_AUTH_TOKEN_FILE, not both");
        assertThatThrownBy(() -> load(Map.of("O2C_HTTP_PEER_TOKEN_FILE", dir.resolve("absent").toString())))
                .isInstanceOf(SettingsException.class).hasMessageContaining("cannot read http.peer.token.file");
    }

    @Test
    void tokensAndKeyStorePasswordsAreMaskedWhenSettingsAreDescribed() {
        Settings settings = load(Map.of("O2C_HTTP_AUTH_TOKEN", "hunter2-reader", "O2C_HTTP_PEER_TOKEN", "hunter2-peer",
                "O2C_HTTP_SSL_TRUSTSTORE_PASSWORD", "hunter2-store"));

        assertThat(settings.describe().toString()).doesNotContain("hunter2");
    }

    @Test
    void aKeyStoreWithAWrongPasswordFailsTheStartInOneLine(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("http.p12");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var out = Files.newOutputStream(keyStore)) {
            store.store(out, "right-password".toCharArray());
        }

        assertThatThrownBy(() -> load(Map.of("O2C_HTTP_SSL_KEYSTORE_LOCATION", keyStore.toString(),
                "O2C_HTTP_SSL_KEYSTORE_PASSWORD", "wrong-password")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("O2C_HTTP_SSL_KEYSTORE_LOCATION").hasMessageContaining("wrong password")
                .hasMessageNotContaining("wrong-password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> load(Map.of("O2C_HTTP_SSL_KEYSTORE_LOCATION", keyStore.toString())))
                .hasMessageContaining("O2C_HTTP_SSL_KEYSTORE_PASSWORD");
    }

    @Test
    void readmeDocumentsEverySettingWithItsVariableAndDefault() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Setting setting : Setting.values()) {
            assertThat(readme).as("README row of %s", setting.key())
                    .contains("| `" + setting.key() + "` | `" + setting.environmentVariable() + "` |");
        }
    }
}
