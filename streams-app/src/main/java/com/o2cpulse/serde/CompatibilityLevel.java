package com.o2cpulse.serde;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Confluent's compatibility levels: which earlier versions a new schema is checked against, and in which direction. */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** Confluent's default. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    public static Optional<CompatibilityLevel> parse(String text) {
        return Arrays.stream(values()).filter(level -> level.name().equalsIgnoreCase(text == null ? "" : text.strip())).findFirst();
    }

    /** Against every earlier version, not only the latest. */
    boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** The new schema must read data written with the earlier ones. */
    boolean newReadsOld() {
        return this != NONE && !name().startsWith("FORWARD");
    }

    /** The earlier schemas must read data written with the new one. */
    boolean oldReadsNew() {
        return name().startsWith("FORWARD") || name().startsWith("FULL");
    }

    static String validValues() {
        return String.join(", ", Arrays.stream(values()).map(level -> level.name().toLowerCase(Locale.ROOT)).toList());
    }
}
