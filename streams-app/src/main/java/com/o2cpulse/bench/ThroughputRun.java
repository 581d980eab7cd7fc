package com.o2cpulse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one contestant over the whole input and measures it the same way for all: progress from its group's
 * committed offsets every {@link #SAMPLE_EVERY}, the CPU time of its threads, memory at the end, bytes its
 * producers sent, and the input's size.
 */
final class ThroughputRun {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputRun.class);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(50);
    private static final Duration LOG_EVERY = Duration.ofSeconds(15);

    private final Admin admin;
    private final List<TopicPartition> inputs;
    private final List<String> inputTopics;
    private final long inputEvents;
    private final Duration timeout;

    ThroughputRun(Admin admin, List<String> inputTopics, List<TopicPartition> inputs, long inputEvents, Duration timeout) {
        this.admin = admin;
        this.inputTopics = List.copyOf(inputTopics);
        this.inputs = List.copyOf(inputs);
        this.inputEvents = inputEvents;
        this.timeout = timeout;
    }

    /** Starts the contestant, waits until it has processed all input, closes it and returns what was measured. */
    ThroughputResult measure(Contestant contestant) throws Exception {
        GroupProgress progress = new GroupProgress(admin, contestant.groupId(), inputs, contestant.internalTopicPrefix());
        List<ProgressSample> samples = new ArrayList<>();
        long peakRss = ProcessMemory.residentBytes();
        long liveHeap;
        ProducedBytes produced;
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        ThreadCpu cpu = new ThreadCpu(contestant::ownsThread);
        long nextLog = started + LOG_EVERY.toNanos();
        LOG.info("{}: started", contestant.name());
        try (contestant) {
            contestant.start();
            while (true) {
                GroupProgress.Snapshot snapshot = progress.read();
                long now = System.nanoTime();
                samples.add(new ProgressSample(now, snapshot.progress()));
                cpu.sample();
                peakRss = Math.max(peakRss, ProcessMemory.residentBytes());
                if (snapshot.caughtUp(inputEvents)) {
                    break;
                }
                contestant.checkAlive();
                if (now > deadline) {
                    throw new TimeoutException(contestant.name() + " processed " + snapshot.progress() + " of " + inputEvents
                            + " events in " + timeout.toMinutes() + " min (--timeout)");
                }
                if (now > nextLog) {
                    LOG.info("{}: {} of {} events processed", contestant.name(), snapshot.progress(), inputEvents);
                    nextLog = now + LOG_EVERY.toNanos();
                }
                LockSupport.parkNanos(SAMPLE_EVERY.toNanos());
            }
            liveHeap = ProcessMemory.liveHeapBytes();
            // Caught up means its last transaction committed: everything it wrote has been sent.
            produced = contestant.produced();
        }
        Duration untilCaughtUp = Duration.ofNanos(samples.get(samples.size() - 1).nanos() - started);
        LOG.info("{}: caught up after {} s", contestant.name(), untilCaughtUp.toMillis() / 1000.0);
        LOG.info("{}: bytes sent by topic: {}", contestant.name(), produced.largest(contestant::writes, 12));
        return new ThroughputResult(contestant.name(), SteadyRate.of(samples, inputEvents), untilCaughtUp, liveHeap, peakRss,
                produced.bytes(contestant::writes), TopicSizes.read(admin).bytes(inputTopics::contains),
                ThreadCpu.isAvailable() ? cpu.nanos() / (double) inputEvents : Double.NaN);
    }
}
