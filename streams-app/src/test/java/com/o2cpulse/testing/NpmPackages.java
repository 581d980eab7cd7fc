package com.o2cpulse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Packages from npm for the tests that drive the dashboard or the registry with third-party JavaScript: installed
 * once per build into a folder under target/ with the machine's npm. Empty, with the reason, where npm or its
 * registry is not available, so that such a test skips rather than fails.
 */
public final class NpmPackages {

    private NpmPackages() {
    }

    /**
     * The folder holding {@code node_modules} with the packages (e.g. {@code axe-core@4.10.3}), installed into
     * {@code prefix} unless {@code marker} (a file relative to it) is already there.
     */
    public static synchronized Optional<Path> install(Path prefix, String marker, StringBuilder whyNot, String... packages) {
        if (Files.isRegularFile(prefix.resolve(marker))) {
            return Optional.of(prefix);
        }
        List<String> command = new ArrayList<>(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund",
                "--ignore-scripts", "--prefix", prefix.toString()));
        command.addAll(List.of(packages));
        try {
            Files.createDirectories(prefix);
            Process npm = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(240, TimeUnit.SECONDS) || npm.exitValue() != 0 || !Files.isRegularFile(prefix.resolve(marker))) {
                whyNot.append("npm install ").append(String.join(" ", packages)).append(" failed: ").append(output.strip());
                return Optional.empty();
            }
            return Optional.of(prefix);
        } catch (IOException e) {
            whyNot.append("npm is not available: ").append(e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot.append("interrupted while installing ").append(String.join(" ", packages));
            return Optional.empty();
        }
    }
}
