package com.o2cpulse.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The chaos kit is assembled from a list of test-class paths (src/assembly/chaos-kit.xml), so a class the kit starts
 * to use elsewhere in the test sources is missing from the jar until the list names it, and the kit fails only when
 * the chaos run reaches that code. jdeps resolves every class the kit refers to against o2c-pulse.jar.
 */
class ChaosKitJarIT {

    private static final Path CHAOS_KIT = Path.of("target", "o2c-pulse-chaos-kit.jar");
    private static final Path PRODUCT = Path.of("target", "o2c-pulse.jar");

    @Test
    void everyClassTheChaosKitRefersToIsInTheKitOrTheProductJar() {
        assertTrue(Files.isRegularFile(CHAOS_KIT) && Files.isRegularFile(PRODUCT), "package builds both jars first");
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--multi-release", "17",
                "-verbose:class", "-cp", PRODUCT.toString(), CHAOS_KIT.toString());

        assertEquals(0, exit, out.toString());
        List<String> missing = out.toString().lines()
                .filter(line -> line.contains("com.o2cpulse") && line.endsWith("not found"))
                .map(String::strip)
                .toList();
        assertEquals(List.of(), missing, "add them to src/assembly/chaos-kit.xml");
    }
}
