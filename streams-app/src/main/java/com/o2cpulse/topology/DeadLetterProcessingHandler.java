package com.o2cpulse.topology;

import com.o2cpulse.serde.SchemaRegistryAvailability;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing fails goes to the dead-letter topic with its origin and reason; processing goes on.
 * A failure to reach the schema registry (writing a store or an output whose schema is not registered yet) is no
 * fault of the record: after a pause the stream thread fails, is replaced, and retries from the last commit.
 * A failure in a punctuation (the SLA watch) has no record to dead-letter: a dead letter would carry empty origin
 * headers and the check would be lost, so the thread fails instead, loudly, and the check runs again after the
 * retry from the last commit.
 */
public final class DeadLetterProcessingHandler extends LogAndContinueProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private PipelineMetrics metrics = PipelineMetrics.NONE;
    private SchemaRegistryAvailability registry = new SchemaRegistryAvailability();

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        metrics = DeadLetters.metricsFrom(configs);
        registry = SchemaRegistryAvailability.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (SchemaRegistryAvailability.isOutage(exception)) {
            registry.pauseBeforeRetry();
            return Response.fail();
        }
        if (context.topic() == null) {
            LOG.error("punctuation of {} in task {} failed; failing the stream thread so that it runs again: {}",
                    context.processorNodeId(), context.taskId(), exception.toString());
            return Response.fail();
        }
        DeadLetters.record(metrics, context.topic(), context.partition(), context.offset(), exception);
        return super.handleError(context, record, exception);
    }
}
