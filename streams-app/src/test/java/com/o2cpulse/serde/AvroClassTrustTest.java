package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.schema.kpi.OrderStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class AvroClassTrustTest {

    @Test
    void projectPackageIsAddedToAnUnsetOrUnrelatedProperty() {
        assertThat(AvroClassTrust.withPackage(null, "com.o2cpulse")).isEqualTo("com.o2cpulse");
        assertThat(AvroClassTrust.withPackage("", "com.o2cpulse")).isEqualTo("com.o2cpulse");
        assertThat(AvroClassTrust.withPackage("org.acme, io.other", "com.o2cpulse"))
                .isEqualTo("org.acme,io.other,com.o2cpulse");
    }

    @Test
    void propertyAlreadyCoveringThePackageIsLeftAsItIs() {
        assertThat(AvroClassTrust.withPackage("com.o2cpulse", "com.o2cpulse")).isEqualTo("com.o2cpulse");
        assertThat(AvroClassTrust.withPackage("org.acme,com", "com.o2cpulse")).isEqualTo("org.acme,com");
        assertThat(AvroClassTrust.withPackage("*", "com.o2cpulse")).isEqualTo("*");
    }

    @Test
    void subPackagesThatWouldHideTheProjectPackageFromAvroAreReplacedByIt() {
        assertThat(AvroClassTrust.withPackage("com.o2cpulse.schema.events,org.acme", "com.o2cpulse"))
                .isEqualTo("org.acme,com.o2cpulse");
        assertThat(AvroClassTrust.withPackage("com.o2cpulsefoo", "com.o2cpulse"))
                .isEqualTo("com.o2cpulsefoo,com.o2cpulse");
    }

    @Test
    void trustingAgainLeavesAvrosGlobalPredicateAsItIs() {
        AvroClassTrust.trustProjectClasses();
        var installed = ClassSecurityValidator.getGlobal();

        AvroClassTrust.trustProjectClasses();
        AvroClassTrust.trustPackage("com.o2cpulse.schema.kpi");

        assertThat(ClassSecurityValidator.getGlobal()).isSameAs(installed);
        assertThat(installed.isTrusted(OrderStatus.class)).isTrue();
        assertThat(installed.isTrusted(String.class)).isTrue();
        assertThat(installed.isTrusted(java.io.File.class)).isFalse();
    }

    @Test
    void serdeAloneMakesAFreshJvmDecodeNestedRecordsArraysMapsAndUnions() throws Exception {
        Map<String, String> probe = runProbeInFreshJvm("serde-first");

        assertThat(probe).containsEntry("orderStatus", "ok")
                .containsEntry("invoiceLatencyKpi", "ok")
                .containsEntry("anyRecord", "ok")
                .containsEntry("property", "com.o2cpulse")
                .containsEntry("propertyTrustsProjectClasses", "true");
    }

    @Test
    void serdeStillDecodesWhenAvroReadTheEmptyPropertyBeforeTheSerdeExisted() throws Exception {
        Map<String, String> probe = runProbeInFreshJvm("plain-reader-first");

        assertThat(probe).containsEntry("plainReaderBeforeSerde", "SecurityException")
                .containsEntry("orderStatus", "ok")
                .containsEntry("invoiceLatencyKpi", "ok")
                .containsEntry("anyRecord", "ok")
                .containsEntry("propertyTrustsProjectClasses", "false");
    }

    private static Map<String, String> runProbeInFreshJvm(String scenario) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), AvroClassTrustProbe.class.getName(), scenario));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> findings = new LinkedHashMap<>();
        output.lines().filter(line -> line.startsWith("PROBE ")).forEach(line -> {
            String[] keyValue = line.substring("PROBE ".length()).split("=", 2);
            findings.put(keyValue[0], keyValue[1]);
        });
        assertThat(findings).as(output).isNotEmpty();
        return findings;
    }
}
