package com.o2cpulse.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build of o2c-pulse, as Maven wrote it into version.properties. */
public final class ApplicationVersion {

    private ApplicationVersion() {
    }

    public static String current() {
        Properties props = new Properties();
        try (InputStream in = ApplicationVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
        return props.getProperty("version");
    }
}
