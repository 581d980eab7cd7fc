package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.schema.events.OrderEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRegistriesTest {

    @Test
    void mockUrlGivesANewEmptyInMemoryRegistryEachTime() {
        SchemaRegistryClient first = SchemaRegistries.connect("mock://o2c", Map.of());
        SchemaRegistryClient second = SchemaRegistries.connect("mock://o2c", Map.of());
        first.register("s", OrderEvent.SCHEMA$);

        assertThat(first).isInstanceOf(InMemorySchemaRegistry.class).isNotSameAs(second);
        assertThat(((InMemorySchemaRegistry) second).subjects()).isEmpty();
    }

    @Test
    void httpAndHttpsUrlsGiveAnHttpClient() {
        assertThat(SchemaRegistries.connect("http://registry:8081", Map.of()))
                .isInstanceOf(HttpSchemaRegistryClient.class);
        assertThat(SchemaRegistries.connect(" https://a:8081/ , https://b:8081/prefix ", Map.of()))
                .isInstanceOf(HttpSchemaRegistryClient.class);
    }

    @Test
    void otherSchemesAreRejectedInOneLineNamingTheUrl() {
        assertThatThrownBy(() -> SchemaRegistries.connect("ftp://registry:21", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ftp://registry:21'")
                .hasMessageContaining("mock://")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> SchemaRegistries.connect("registry:8081", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaRegistries.connect("http://", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyUrlAndMockMixedWithHttpAreRejected() {
        assertThatThrownBy(() -> SchemaRegistries.connect(null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SchemaRegistries.connect(" , ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SchemaRegistries.connect("mock://a,http://b:8081", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixes");
    }

    @Test
    void credentialsInTheUrlAreRejectedWithoutRepeatingThem() {
        assertThatThrownBy(() -> SchemaRegistries.connect("https://svc:hunter2@registry:8081", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basic.auth.user.info")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void malformedSettingsAreRejectedWithoutRepeatingSecrets() {
        assertThatThrownBy(() -> SchemaRegistries.connect("http://r:8081", Map.of("basic.auth.user.info", "hunter2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user:password")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> SchemaRegistries.connect("http://r:8081", Map.of("request.timeout.ms", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request.timeout.ms");
        assertThatThrownBy(() -> SchemaRegistries.connect("http://r:8081", Map.of("request.timeout.ms", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaRegistries.connect("http://r:8081",
                Map.of("ssl.truststore.password", "hunter2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssl.truststore.location")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> SchemaRegistries.connect("https://r:8081",
                Map.of("ssl.truststore.location", "/nonexistent/trust.p12", "ssl.truststore.password", "hunter2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/nonexistent/trust.p12")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void settingsDescriptionShowsWhatIsSetButNoSecret() {
        RegistryClientSettings settings = RegistryClientSettings.parse(Map.of("basic.auth.user.info", "svc:hunter2",
                "ssl.keystore.location", "/etc/o2c/client.p12", "ssl.keystore.password", "hunter2",
                "request.timeout.ms", "1500"));

        assertThat(settings.toString())
                .contains("basicAuth=set", "/etc/o2c/client.p12", "password set", "PT1.5S")
                .doesNotContain("hunter2", "c3ZjOmh1bnRlcjI");
    }
}
