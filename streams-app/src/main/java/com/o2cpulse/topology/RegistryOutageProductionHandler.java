package com.o2cpulse.topology;

import com.o2cpulse.serde.SchemaRegistryAvailability;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Kafka Streams' default production handling, except that an output that cannot be serialized because the schema
 * registry is unreachable (a new subject to register) neither dead-letters its source record nor is dropped: after
 * a pause the stream thread fails, is replaced, and retries from the last commit.
 */
public final class RegistryOutageProductionHandler extends DefaultProductionExceptionHandler {

    private SchemaRegistryAvailability registry = new SchemaRegistryAvailability();

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        registry = SchemaRegistryAvailability.from(configs);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        if (SchemaRegistryAvailability.isOutage(exception)) {
            registry.pauseBeforeRetry();
            return Response.fail();
        }
        return super.handleSerializationError(context, record, exception, origin);
    }
}
