package com.o2cpulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time spent by the threads of one contestant (its stream, client and network threads, told apart by name),
 * sampled while it runs because a thread's CPU time is gone once it ends. CPU per event is a figure that a busy
 * machine disturbs much less than events per second.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Predicate<String> owns;
    private final Map<Long, Long> nanosByThread = new HashMap<>();

    ThreadCpu(Predicate<String> owns) {
        this.owns = owns;
    }

    static boolean isAvailable() {
        return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    void sample() {
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && owns.test(thread.getThreadName())) {
                long nanos = THREADS.getThreadCpuTime(thread.getThreadId());
                if (nanos > 0) {
                    nanosByThread.merge(thread.getThreadId(), nanos, Math::max);
                }
            }
        }
    }

    long nanos() {
        return nanosByThread.values().stream().mapToLong(Long::longValue).sum();
    }
}
