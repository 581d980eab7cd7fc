package com.o2cpulse.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Undecodable and invalid input records go to the dead-letter topic through Kafka Streams' built-in DLQ
 * (headers name origin topic, partition, offset, exception and reason); we log them in one line, without
 * a stack trace, since bad input is expected.
 */
public final class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    private PipelineMetrics metrics = PipelineMetrics.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        metrics = DeadLetters.metricsFrom(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetters.record(metrics, context.topic(), context.partition(), context.offset(), exception);
        return super.handleError(context, record, exception);
    }
}
