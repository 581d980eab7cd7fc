package com.o2cpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void countsOnlyTheThreadsItOwns() throws Exception {
        assumeTrue(ThreadCpu.isAvailable(), "this JVM measures no thread CPU time");
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch busy = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            long spins = 0;
            while (!stop.get()) {
                if (++spins == 50_000_000L) {
                    busy.countDown();
                }
            }
        }, "contestant-x-worker");
        worker.start();
        busy.await();
        ThreadCpu owned = new ThreadCpu(name -> name.contains("contestant-x"));
        ThreadCpu other = new ThreadCpu(name -> name.contains("contestant-y"));
        owned.sample();
        other.sample();
        stop.set(true);
        worker.join();

        assertThat(owned.nanos()).isPositive();
        assertThat(other.nanos()).isZero();
    }
}
