package com.o2cpulse.topology;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one log line of a dead-lettered record. */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    static void log(String topic, int partition, long offset, Exception exception) {
        LOG.warn("dead-lettered {}-{}@{}: {}", topic, partition, offset, exception.getMessage());
    }
}
