package com.o2cpulse.dashboard;

import com.o2cpulse.testing.NpmPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** axe-core, Deque's accessibility engine, from npm, for the browser test to inject into the page. */
final class AxeCore {

    static final String VERSION = "4.10.3";
    private static final String SCRIPT = "node_modules/axe-core/axe.min.js";

    private AxeCore() {
    }

    /** The text of axe.min.js, or empty with the reason in {@code whyNot}. */
    static Optional<String> script(StringBuilder whyNot) {
        return NpmPackages.install(Path.of("target", "axe-core"), SCRIPT, whyNot, "axe-core@" + VERSION)
                .map(prefix -> {
                    try {
                        return Files.readString(prefix.resolve(SCRIPT));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
