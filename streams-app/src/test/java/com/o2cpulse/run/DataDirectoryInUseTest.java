package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.o2cpulse.config.DataDirectoryLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The embedded demo started on a data directory another instance still holds: one line, exit 2, nothing touched. */
class DataDirectoryInUseTest {

    @TempDir
    Path dir;

    @Test
    void aSecondDemoOnTheSameDataDirectoryIsOneLineAndExit2() throws Exception {
        Path dataDir = dir.resolve("o2c-data");
        try (DataDirectoryLock running = DataDirectoryLock.acquire(dataDir)) {
            Files.writeString(dataDir.resolve("simulation.properties"), "kept");
            StringWriter err = new StringWriter();
            CommandLine command = new CommandLine(new RunCommand()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));

            int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> command.execute("--fresh", "--data-dir", dataDir.toString(), "--http-port", "0"));

            assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(2);
            assertThat(err.toString().lines().toList()).hasSize(1);
            assertThat(err.toString()).startsWith("o2c-pulse: ").contains("is in use by another o2c-pulse process");
            assertThat(dataDir.resolve("simulation.properties")).as("--fresh wiped nothing").hasContent("kept");
        }
    }
}
