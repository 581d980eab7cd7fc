package com.o2cpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard as packaged: every file the page loads is on the classpath (its own files under dashboard/, uPlot
 * from the WebJar whose version index.html names), nothing is loaded from another host, and the page stays small.
 */
class DashboardResourcesTest {

    private static final String ROOT = "dashboard/";
    /** Own files, not counting uPlot (about 50 KB minified). */
    private static final int OWN_BYTES_BUDGET = 100 * 1024;

    @Test
    void everyReferenceOfThePageResolvesOnTheClasspath() {
        Set<String> loaded = pageFiles();
        assertThat(loaded).contains(ROOT + "index.html", ROOT + "app.js", ROOT + "app.css", ROOT + "kpi-math.js",
                "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.iife.min.js",
                "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.min.css");
        for (String file : loaded) {
            assertThat(bytes(file)).as(file).isNotNull();
        }
    }

    @Test
    void nothingIsLoadedFromAnotherHost() {
        Pattern external = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"'](https?:)?//|\\bimport\\s*\\(?\\s*[\"'](https?:)?//|url\\(\\s*[\"']?(https?:)?//|\\bfetch\\(\\s*[\"'`]https?:");
        for (String file : pageFiles()) {
            if (file.startsWith(ROOT)) {
                assertThat(external.matcher(text(file)).find()).as("external reference in " + file).isFalse();
            }
        }
    }

    @Test
    void thePageStaysSmall() {
        long own = 0;
        long uplot = 0;
        for (String file : pageFiles()) {
            int size = bytes(file).length;
            if (file.startsWith(ROOT)) {
                own += size;
            } else {
                uplot += size;
            }
        }
        System.out.printf("dashboard page weight: %.1f KB own files, %.1f KB with uPlot (uncompressed)%n", own / 1024.0,
                (own + uplot) / 1024.0);
        assertThat(own).isLessThan(OWN_BYTES_BUDGET);
    }

    /** index.html plus what it references, plus the ES modules app.js imports (transitively). */
    static Set<String> pageFiles() {
        Set<String> files = new LinkedHashSet<>();
        files.add(ROOT + "index.html");
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"#?]+)\"").matcher(text(ROOT + "index.html"));
        while (refs.find()) {
            String ref = refs.group(1);
            if (ref.startsWith("data:") || ref.startsWith("?")) {
                continue;
            }
            files.add(ref.startsWith("/webjars/") ? "META-INF/resources" + ref : ROOT + ref.replaceFirst("^\\./", ""));
        }
        List<String> queue = new ArrayList<>(files.stream().filter(f -> f.endsWith(".js") && f.startsWith(ROOT)).toList());
        Pattern imports = Pattern.compile("(?m)^\\s*import\\s[^'\"]*['\"]\\./([^'\"]+)['\"]");
        while (!queue.isEmpty()) {
            Matcher m = imports.matcher(text(queue.remove(0)));
            while (m.find()) {
                if (files.add(ROOT + m.group(1))) {
                    queue.add(ROOT + m.group(1));
                }
            }
        }
        return files;
    }

    static String uplotVersion() {
        Matcher m = Pattern.compile("/webjars/uplot/([^/]+)/").matcher(text(ROOT + "index.html"));
        assertThat(m.find()).as("index.html loads uPlot from its WebJar").isTrue();
        return m.group(1);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = DashboardResourcesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("classpath resource " + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
