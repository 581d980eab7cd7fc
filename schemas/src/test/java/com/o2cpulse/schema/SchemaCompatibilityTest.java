package com.o2cpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * Every schema must stay backward compatible with each released version: a consumer built from the current schemas
 * reads what producers of a released version wrote (Avro schema resolution). Released schemas are kept under
 * src/test/resources/released/&lt;version&gt;/, a copy of src/main/avro at the time of the release. Internal state is
 * not Avro since release 0.2 (it has binary formats of its own, see topology-docs/STATE.md), so only the external
 * contract is kept here: input events and KPI, order-status and exception records.
 */
class SchemaCompatibilityTest {

    private static final Path RELEASED = Path.of("src", "test", "resources", "released");

    @Test
    void currentSchemasReadEveryReleasedVersion() throws IOException {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> versions = Files.list(RELEASED)) {
            for (Path version : versions.sorted().toList()) {
                for (Schema released : parseAll(version)) {
                    Schema current = currentSchemaOf(released.getFullName());
                    SchemaCompatibility.SchemaPairCompatibility result =
                            SchemaCompatibility.checkReaderWriterCompatibility(current, released);
                    assertThat(result.getType())
                            .as("%s of release %s: %s", released.getFullName(), version.getFileName(), result.getDescription())
                            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
                    checked.add(released.getFullName());
                }
            }
        }
        assertThat(checked).contains("com.o2cpulse.schema.events.OrderEvent", "com.o2cpulse.schema.kpi.FillRateKpi");
    }

    @Test
    void aSchemaThatDropsADefaultlessFieldIsCaught() {
        Schema released = SchemaBuilderFixture.withField("quantity");
        Schema narrowed = SchemaBuilderFixture.withField("renamedQuantity");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(narrowed, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    /** Input events first: the other schemas refer to them by name. */
    private static List<Schema> parseAll(Path version) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        List<Schema> schemas = new ArrayList<>();
        for (String folder : List.of("events", "kpi")) {
            try (Stream<Path> files = Files.list(version.resolve(folder))) {
                for (Path file : files.sorted().toList()) {
                    schemas.add(parser.parse(file.toFile()));
                }
            }
        }
        return schemas;
    }

    private static Schema currentSchemaOf(String fullName) {
        try {
            return SpecificData.get().getSchema(Class.forName(fullName));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("released schema " + fullName + " has no current class: removing a record breaks readers", e);
        }
    }

    /** A one-field record, to show the check can fail. */
    private static final class SchemaBuilderFixture {
        static Schema withField(String name) {
            return org.apache.avro.SchemaBuilder.record("Line").namespace("test").fields().requiredLong(name).endRecord();
        }
    }
}
