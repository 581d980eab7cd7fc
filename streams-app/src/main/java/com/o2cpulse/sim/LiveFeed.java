package com.o2cpulse.sim;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces simulated arrivals to the input topics in pace with the wall clock. The simulation may start in the
 * past: it then catches up {@code speed} times faster than the wall clock, and runs in real time from the moment
 * it reaches now, so that no event is ever produced before its time (brokers reject future timestamps, and
 * dashboards would show tomorrow). Producers key records by eventId, as source systems do; the application
 * re-keys them.
 */
public final class LiveFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    /** How often the feed flushes and reports how many arrivals Kafka has acknowledged: at most this much is sent again after a crash. */
    private static final Duration ACKNOWLEDGE_INTERVAL = Duration.ofSeconds(1);

    private final Producer<byte[], SpecificRecord> producer;
    private final Topics topics;
    private final Iterator<Arrival> arrivals;
    private final Instant simulationStart;
    private final double speed;
    private final Duration duration;
    private final LongConsumer acknowledged;
    private final AtomicLong produced = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param simulationStart the event time the simulation starts at; now or in the past
     * @param speed           how much faster than the wall clock the simulation catches up with now
     * @param duration        how long to feed (wall-clock); null for ever
     * @param acknowledged    told, after each flush, how many arrivals of this feed Kafka has acknowledged in all
     */
    public LiveFeed(Producer<byte[], SpecificRecord> producer, Topics topics, Iterator<Arrival> arrivals,
                    Instant simulationStart, double speed, Duration duration, LongConsumer acknowledged) {
        this.producer = producer;
        this.topics = topics;
        this.arrivals = arrivals;
        this.simulationStart = simulationStart;
        this.speed = speed;
        this.duration = duration;
        this.acknowledged = acknowledged;
        this.thread = new Thread(this::feed, "o2c-simulator");
        this.thread.setDaemon(true);
    }

    public LiveFeed start() {
        thread.start();
        return this;
    }

    public long produced() {
        return produced.get();
    }

    /** Waits until the feed's duration has passed (or it was closed). */
    public void awaitEnd() throws InterruptedException {
        thread.join();
    }

    private void feed() {
        Instant feedStart = Instant.now();
        Instant end = duration == null ? Instant.MAX : feedStart.plus(duration);
        Instant nextAcknowledgement = feedStart.plus(ACKNOWLEDGE_INTERVAL);
        try {
            while (running && arrivals.hasNext()) {
                Arrival arrival = arrivals.next();
                Instant due = dueTime(feedStart, arrival.arrivalTime());
                if (due.isAfter(end)) {
                    break;
                }
                long waitMillis = Duration.between(Instant.now(), due).toMillis();
                if (waitMillis > 0) {
                    Thread.sleep(waitMillis);
                }
                SpecificRecordBase event = (SpecificRecordBase) arrival.event();
                producer.send(new ProducerRecord<>(topics.input(EventStream.of(event)),
                        Events.eventId(event).getBytes(StandardCharsets.UTF_8), event));
                produced.incrementAndGet();
                if (Instant.now().isAfter(nextAcknowledgement)) {
                    flushAndAcknowledge();
                    nextAcknowledgement = Instant.now().plus(ACKNOWLEDGE_INTERVAL);
                }
            }
            flushAndAcknowledge();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("simulator stopped: {}", e.toString());
            }
        }
    }

    private void flushAndAcknowledge() {
        long sent = produced.get();
        producer.flush();
        acknowledged.accept(sent);
    }

    /** The earliest wall-clock instant at which the catching-up simulation clock has reached the arrival and it is not in the future. */
    private Instant dueTime(Instant feedStart, Instant arrivalTime) {
        Instant caughtUp = feedStart.plusNanos((long) (Duration.between(simulationStart, arrivalTime).toNanos() / speed));
        return caughtUp.isAfter(arrivalTime) ? caughtUp : arrivalTime;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(Duration.ofSeconds(10).toMillis());
        // The feed thread may have been interrupted between two acknowledgements: account for what it sent since.
        flushAndAcknowledge();
        producer.close(Duration.ofSeconds(5));
    }
}
