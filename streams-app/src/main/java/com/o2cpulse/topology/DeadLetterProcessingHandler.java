package com.o2cpulse.topology;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/** A record whose processing fails goes to the dead-letter topic with its origin and reason; processing goes on. */
public final class DeadLetterProcessingHandler extends LogAndContinueProcessingExceptionHandler {

    private PipelineMetrics metrics = PipelineMetrics.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        metrics = DeadLetters.metricsFrom(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        DeadLetters.record(metrics, context.topic(), context.partition(), context.offset(), exception);
        return super.handleError(context, record, exception);
    }
}
