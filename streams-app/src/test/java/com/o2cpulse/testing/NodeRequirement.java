package com.o2cpulse.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * Whether the tests that run JavaScript may skip when Node.js or an npm package is not there: on a developer's
 * machine they skip, in CI (the environment variable {@code CI}, or {@code O2C_REQUIRE_NODE=1} as {@code .ci/run}
 * sets it) they fail, so that a CI machine without Node cannot pass them silently.
 */
public final class NodeRequirement {

    private NodeRequirement() {
    }

    public static boolean required() {
        String ci = System.getenv("CI");
        return "1".equals(System.getenv("O2C_REQUIRE_NODE"))
                || (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false"));
    }

    /** Skips the test, or fails it where Node is required, unless {@code available}. */
    public static void assumeAvailable(boolean available, String whyNot) {
        if (!available && required()) {
            throw new AssertionError(whyNot + " (Node.js is required here: CI or O2C_REQUIRE_NODE=1 is set)");
        }
        Assumptions.assumeTrue(available, whyNot);
    }
}
