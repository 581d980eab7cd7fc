package com.o2cpulse.topology;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one log line of a dead-lettered record. */
final class DeadLetters {

    /** The pipeline metrics passed in through the Streams configuration, or none. */
    static PipelineMetrics metricsFrom(java.util.Map<String, ?> configs) {
        return configs.get(PipelineMetrics.CONFIG_KEY) instanceof PipelineMetrics metrics ? metrics : PipelineMetrics.NONE;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    static void record(PipelineMetrics metrics, String topic, int partition, long offset, Exception exception) {
        metrics.deadLettered(topic);
        LOG.warn("dead-lettered {}-{}@{}: {}", topic, partition, offset, exception.getMessage());
    }
}
