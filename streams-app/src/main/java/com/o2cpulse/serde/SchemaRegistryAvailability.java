package com.o2cpulse.serde;

import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the schema registry answers, as the application's registry client sees it, and how long to wait before
 * trying again while it does not. The client reports every answer and every outage; the Kafka Streams exception
 * handlers pause here before they fail a stream thread on an outage, so that the replacement thread does not retry
 * in a tight loop. The pause doubles from {@link #FIRST_PAUSE} to {@link #LONGEST_PAUSE} during an outage. One ERROR
 * line when an outage starts and one INFO line when the registry answers again, however many records and threads
 * run into it in between. Thread-safe; one instance per application, passed to the handlers in the Streams
 * configuration under {@link #CONFIG_KEY}.
 */
public final class SchemaRegistryAvailability {

    /** The Streams configuration key under which the handlers find the application's instance. */
    public static final String CONFIG_KEY = "o2c.schema.registry.availability";
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryAvailability.class);

    private final Duration firstPause;
    private final Duration longestPause;
    private boolean unavailable;
    private long outageStartedNanos;
    private long failedRequests;
    private long outages;
    private Duration nextPause;

    public SchemaRegistryAvailability() {
        this(FIRST_PAUSE, LONGEST_PAUSE);
    }

    public SchemaRegistryAvailability(Duration firstPause, Duration longestPause) {
        if (firstPause.isNegative() || longestPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("pauses must satisfy 0 <= first <= longest: " + firstPause + ", " + longestPause);
        }
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.nextPause = firstPause;
    }

    /** The instance passed in the Streams configuration, or a new one when there is none. */
    public static SchemaRegistryAvailability from(Map<String, ?> configs) {
        return configs.get(CONFIG_KEY) instanceof SchemaRegistryAvailability availability ? availability
                : new SchemaRegistryAvailability();
    }

    /** True when the exception, or one of its causes, says that no schema registry could be reached. */
    public static boolean isOutage(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }

    /** A registry answered a request (whatever the answer): an outage, if there was one, is over. */
    public synchronized void answered() {
        if (unavailable) {
            LOG.info("schema registry answers again after {} failed requests over {} ms; processing resumes",
                    failedRequests, (System.nanoTime() - outageStartedNanos) / 1_000_000);
        }
        unavailable = false;
        failedRequests = 0;
        nextPause = firstPause;
    }

    /** No registry could be reached for a request. */
    public synchronized void unreachable(SchemaRegistryUnavailableException exception) {
        failedRequests++;
        if (!unavailable) {
            unavailable = true;
            outages++;
            outageStartedNanos = System.nanoTime();
            LOG.error("schema registry unavailable ({}); records that need it are not dead-lettered: processing "
                    + "pauses and retries from the last commit until the registry answers", exception.getMessage());
        }
    }

    public synchronized boolean isUnavailable() {
        return unavailable;
    }

    /** Requests that found no registry in the current outage; 0 while the registry answers. */
    public synchronized long failedRequests() {
        return failedRequests;
    }

    /** How many outages have started since this instance was made. */
    public synchronized long outages() {
        return outages;
    }

    /** Blocks the calling thread for the next pause of the current outage; returns early when interrupted. */
    public void pauseBeforeRetry() {
        Duration pause;
        synchronized (this) {
            pause = nextPause;
            Duration doubled = nextPause.multipliedBy(2);
            nextPause = doubled.compareTo(longestPause) > 0 ? longestPause : doubled;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
