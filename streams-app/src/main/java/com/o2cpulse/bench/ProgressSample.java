package com.o2cpulse.bench;

/**
 * One look at a contestant's progress: how many input events it had fully processed (committed) at a moment.
 *
 * @param nanos    {@link System#nanoTime()} when it was taken
 * @param progress events processed so far
 */
record ProgressSample(long nanos, long progress) {
}
