package com.o2cpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.lifecycle.Retention;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionSettingsTest {

    @Test
    void theSettingsDefaultsAreTheDomainsDefaultRetentionAndTheTopologyRetiresByThem() {
        Settings settings = Settings.load(null, Map.of(), Map.of(), Map.of());
        assertThat(settings.retention()).isEqualTo(Retention.DEFAULT);
        assertThat(settings.topologySettings().retention()).contains(Retention.DEFAULT);
    }

    @Test
    void eachHorizonIsASettingAndInvalidOnesAreRefusedNamingTheProblem() {
        Settings settings = Settings.load(null, Map.of("O2C_RETENTION_HORIZON", "7d", "O2C_RETENTION_MARKER_PERIOD", "48h"), Map.of(), Map.of());
        assertThat(settings.retention().settledHorizon()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.retention().markerPeriod()).isEqualTo(Duration.ofHours(48));
        assertThatThrownBy(() -> Settings.load(null, Map.of("O2C_RETENTION_NEVER_KNOWN_HORIZON", "0s"), Map.of(), Map.of()).retention())
                .isInstanceOf(SettingsException.class).hasMessageContaining("positive");
    }
}
