package com.o2cpulse.topology;

import com.o2cpulse.serde.SchemaRegistryAvailability;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Undecodable and invalid input records go to the dead-letter topic through Kafka Streams' built-in DLQ
 * (headers name origin topic, partition, offset, exception and reason); we log them in one line, without
 * a stack trace, since bad input is expected. A record that cannot be decoded because the schema registry is
 * unreachable is not bad: after a pause the stream thread fails, is replaced, and retries from the last commit.
 */
public final class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    private PipelineMetrics metrics = PipelineMetrics.NONE;
    private SchemaRegistryAvailability registry = new SchemaRegistryAvailability();

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        metrics = DeadLetters.metricsFrom(configs);
        registry = SchemaRegistryAvailability.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (SchemaRegistryAvailability.isOutage(exception)) {
            registry.pauseBeforeRetry();
            return Response.fail();
        }
        DeadLetters.record(metrics, context.topic(), context.partition(), context.offset(), exception);
        return super.handleError(context, record, exception);
    }
}
