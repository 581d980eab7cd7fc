package com.o2cpulse.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Undecodable and invalid input records go to the dead-letter topic through Kafka Streams' built-in DLQ
 * (headers name origin topic, partition, offset, exception and reason); we log them in one line, without
 * a stack trace, since bad input is expected.
 */
public final class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetters.log(context.topic(), context.partition(), context.offset(), exception);
        return super.handleError(context, record, exception);
    }
}
