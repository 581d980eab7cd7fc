package com.o2cpulse.serve;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition to hold by probing it until a deadline: never a fixed sleep. */
final class Await {

    private static final long PROBE_INTERVAL_NANOS = Duration.ofMillis(50).toNanos();

    private Await() {
    }

    /** Probes until {@code done} accepts the probe's value and returns that value; fails with the last one seen. */
    static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            LockSupport.parkNanos(PROBE_INTERVAL_NANOS);
        }
        AssertionError failure = new AssertionError("not within " + timeout + ": " + what + "; last seen: " + last);
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }
}
