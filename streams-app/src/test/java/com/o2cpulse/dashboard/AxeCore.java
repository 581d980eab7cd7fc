package com.o2cpulse.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * axe-core, Deque's accessibility engine, from npm: installed once into target/axe-core with the machine's npm and
 * injected into the page by the browser test. Empty where npm or the registry is not available, so that the test
 * can skip rather than fail.
 */
final class AxeCore {

    static final String VERSION = "4.10.3";
    private static final Path PREFIX = Path.of("target", "axe-core");
    private static final Path SCRIPT = PREFIX.resolve("node_modules/axe-core/axe.min.js");

    private AxeCore() {
    }

    /** The text of axe.min.js, or why it is not available. */
    static synchronized Optional<String> script(StringBuilder whyNot) {
        try {
            if (!Files.isRegularFile(SCRIPT)) {
                Files.createDirectories(PREFIX);
                Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                        PREFIX.toString(), "axe-core@" + VERSION).redirectErrorStream(true).start();
                String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0 || !Files.isRegularFile(SCRIPT)) {
                    whyNot.append("npm install axe-core@").append(VERSION).append(" failed: ").append(output.strip());
                    return Optional.empty();
                }
            }
            return Optional.of(Files.readString(SCRIPT));
        } catch (IOException e) {
            whyNot.append("npm is not available: ").append(e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot.append("interrupted while installing axe-core");
            return Optional.empty();
        }
    }
}
