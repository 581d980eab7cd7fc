package com.o2cpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.serde.InMemorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * topology-docs/topology.txt is the description of the production topology, generated from the code.
 * Regenerate it with {@code mvn test -pl streams-app -Dtest=TopologyDocsTest -Do2c.update-docs=true}.
 */
class TopologyDocsTest {

    private static final Path CHECKED_IN = Path.of("..", "topology-docs", "topology.txt");

    @Test
    void checkedInTopologyDescriptionMatchesTheCode() throws IOException {
        String generated = "# Generated from KpiTopology.build(TopologySettings.DEFAULT) by TopologyDocsTest; do not edit.\n"
                + KpiTopology.build(TopologySettings.DEFAULT, new O2cSerdes(new InMemorySchemaRegistry()), PipelineMetrics.NONE).describe();
        if (Boolean.getBoolean("o2c.update-docs")) {
            Files.writeString(CHECKED_IN, generated);
        }
        assertThat(Files.exists(CHECKED_IN)).as("%s exists", CHECKED_IN).isTrue();
        assertThat(Files.readString(CHECKED_IN))
                .as("topology-docs/topology.txt is stale: regenerate with -Do2c.update-docs=true")
                .isEqualTo(generated);
    }
}
