package com.o2cpulse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of this JVM: the embedded broker and every contestant so far share it, so read figures as such. */
final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /** Resident set size from {@code VmRSS}, in bytes; -1 where /proc is not there. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return -1;
    }

    /** Heap still referenced: used heap right after a full collection (which only a finished run can afford). */
    static long liveHeapBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String megabytes(long bytes) {
        return bytes < 0 ? "n/a" : Long.toString(Math.round(bytes / (1024.0 * 1024.0)));
    }
}
