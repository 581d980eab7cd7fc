package com.o2cpulse.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An SSE client that records what it is sent; comments are events named {@code ":"}. */
final class RecordingSink implements EventSink {

    private final BlockingQueue<SseListener.Event> events = new LinkedBlockingQueue<>();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private volatile boolean terminated;

    @Override
    public void sendEvent(String event, String data) {
        events.add(new SseListener.Event(event, data));
    }

    @Override
    public void sendComment(String text) {
        events.add(new SseListener.Event(":", text));
    }

    @Override
    public boolean terminated() {
        return terminated;
    }

    @Override
    public void close() {
        disconnect();
    }

    @Override
    public void onClose(Runnable action) {
        onClose.add(action);
    }

    /** The client goes away, as a browser closing the page. */
    void disconnect() {
        terminated = true;
        onClose.forEach(Runnable::run);
    }

    /** The first event from now on matching {@code wanted}; the events (not comments) before it go to {@code skipped}. */
    SseListener.Event await(Predicate<SseListener.Event> wanted, Duration timeout, List<SseListener.Event> skipped)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            SseListener.Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new AssertionError("no matching event within " + timeout + "; saw " + skipped);
            }
            if (wanted.test(event)) {
                return event;
            }
            if (!event.name().equals(":")) {
                skipped.add(event);
            }
        }
    }

    SseListener.Event await(Predicate<SseListener.Event> wanted, Duration timeout) throws InterruptedException {
        return await(wanted, timeout, new ArrayList<>());
    }
}
