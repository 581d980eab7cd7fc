package com.o2cpulse.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the dashboard's static files are: a classpath folder (the default, {@code /dashboard}) or a directory.
 * {@code index.html} there is served at {@code /}, the rest under its own name.
 */
public record DashboardFiles(String location, boolean onClasspath) {

    public static final DashboardFiles DEFAULT = onClasspath("/dashboard");

    public DashboardFiles {
        Objects.requireNonNull(location, "location");
    }

    public static DashboardFiles onClasspath(String folder) {
        return new DashboardFiles(folder.startsWith("/") ? folder : "/" + folder, true);
    }

    /** Javalin refuses to start with a missing static folder; a missing dashboard only means no page. */
    boolean exists() {
        return onClasspath ? DashboardFiles.class.getResource(location) != null : Files.isDirectory(Path.of(location));
    }
}
