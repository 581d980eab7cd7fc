package com.o2cpulse;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.chaos.ChaosKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * topology-docs/COMMANDS.md is every command's {@code --help}, generated from the code so that the flags the README
 * points to are the flags the jar takes. Regenerate it with
 * {@code mvn test -pl streams-app -am -Dtest=CommandLineDocsTest -Do2c.update-docs=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CommandLineDocsTest {

    private static final Path CHECKED_IN = Path.of("..", "topology-docs", "COMMANDS.md");

    @Test
    void checkedInCommandHelpMatchesTheCode() throws IOException {
        StringBuilder generated = new StringBuilder("""
                # o2c-pulse commands

                Generated from each command's `--help` by CommandLineDocsTest; do not edit.
                """);
        append(generated, App.commandLine(), "o2c-pulse");
        generated.append("""

                # The chaos kit (test tooling)

                `streams-app/target/o2c-pulse-chaos-kit.jar`, built from the test classes beside `o2c-pulse.jar`, holds
                deploy/local's chaos drivers, its verifier and the local cluster's schema registry.
                """);
        append(generated, ChaosKit.commandLine(), "o2c-pulse-chaos-kit");
        if (Boolean.getBoolean("o2c.update-docs")) {
            Files.writeString(CHECKED_IN, generated);
        }
        assertThat(CHECKED_IN).exists();
        assertThat(Files.readString(CHECKED_IN))
                .as("topology-docs/COMMANDS.md is stale: regenerate with -Do2c.update-docs=true")
                .isEqualTo(generated.toString());
    }

    private static void append(StringBuilder doc, CommandLine command, String path) {
        doc.append("\n## `").append(path).append("`\n\n```\n")
                .append(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
                .append("\n```\n");
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                append(doc, sub, path + " " + name);
            }
        });
    }
}
