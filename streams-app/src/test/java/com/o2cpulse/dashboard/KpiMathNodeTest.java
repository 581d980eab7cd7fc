package com.o2cpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import com.o2cpulse.testing.NodeRequirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the dashboard's JavaScript unit tests ({@code src/test/js}, {@code node --test}) from Maven, so that the
 * project's one test command covers them. Skips when no Node.js (18 or newer) is on the PATH, and fails then in CI
 * ({@link NodeRequirement}); no npm packages.
 */
class KpiMathNodeTest {

    private static final Path TESTS = Path.of("src", "test", "js");

    @Test
    @Timeout(120)
    void kpiMathPassesItsNodeTests() throws Exception {
        assumeTrue(Files.isDirectory(TESTS), "run from the streams-app module directory");
        String node = nodeOnPath();
        NodeRequirement.assumeAvailable(node != null, "node not installed; the JavaScript tests run with node --test " + TESTS);
        Process version = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
        String v = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        version.waitFor(10, TimeUnit.SECONDS);
        NodeRequirement.assumeAvailable(v.matches("v(1[89]|[2-9]\\d)\\..*"), "node " + v + " lacks a test runner; need 18 or newer");

        Process run = new ProcessBuilder(node, "--test", TESTS.toString())
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(100, TimeUnit.SECONDS)).as("node --test finished").isTrue();
        assertThat(run.exitValue()).as("node --test %s:%n%s", TESTS, output).isZero();
        assertThat(output).as("node ran tests").containsPattern("# pass [1-9]").contains("# fail 0");
    }

    private static String nodeOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"node", "nodejs"}) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }
}
