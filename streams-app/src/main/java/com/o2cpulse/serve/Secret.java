package com.o2cpulse.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** A credential that is compared in constant time and never printed: {@link #toString()} masks it. */
public final class Secret {

    private final byte[] value;

    private Secret(String value) {
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new Secret(value);
    }

    /** Whether {@code presented} is this secret; the time taken does not depend on where they first differ. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The value itself, for the one place that sends it. */
    String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }

    char[] chars() {
        return reveal().toCharArray();
    }

    @Override
    public String toString() {
        return "*****";
    }
}
