package com.o2cpulse.serve;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.errors.InterruptException;

/**
 * A MockConsumer whose poll blocks, as a real one does, until records are added, {@link #wakeup()} is called,
 * {@link #nudge()} asks it to look again, or the poll's timeout passes; it counts the polls begun.
 */
final class SignallingMockConsumer extends MockConsumer<String, byte[]> {

    private final Object signal = new Object();
    private final AtomicLong polls = new AtomicLong();
    private long signals;
    private long seen;

    SignallingMockConsumer() {
        super("latest");
    }

    @Override
    public ConsumerRecords<String, byte[]> poll(Duration timeout) {
        polls.incrementAndGet();
        synchronized (signal) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                for (long left = timeout.toNanos(); signals == seen && left > 0; left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            seen = signals;
        }
        return super.poll(timeout);
    }

    @Override
    public synchronized void addRecord(ConsumerRecord<String, byte[]> record) {
        super.addRecord(record);
        nudge();
    }

    @Override
    public void wakeup() {
        super.wakeup();
        nudge();
    }

    /** Makes a waiting poll (or the next one) return. */
    void nudge() {
        synchronized (signal) {
            signals++;
            signal.notifyAll();
        }
    }

    /** Polls begun so far. */
    long polls() {
        return polls.get();
    }
}
