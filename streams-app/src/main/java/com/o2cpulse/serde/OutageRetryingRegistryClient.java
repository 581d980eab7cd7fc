package com.o2cpulse.serde;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * Rides out short registry outages in place: a request that finds no registry is retried after the availability's
 * pause until {@code patience} has passed, and only then does the {@link SchemaRegistryUnavailableException}
 * propagate (to the exception handlers, which fail the stream thread so that it is replaced). Retrying in place
 * matters because a replaced stream thread stays a member of its group until the session times out, so every
 * replacement costs a rebalance of that length. Patience must stay well below the consumers'
 * {@code max.poll.interval.ms} and the application's close timeout.
 */
public final class OutageRetryingRegistryClient implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    private final SchemaRegistryAvailability availability;
    private final Duration patience;

    public OutageRetryingRegistryClient(SchemaRegistryClient delegate, SchemaRegistryAvailability availability,
            Duration patience) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.availability = Objects.requireNonNull(availability, "availability");
        this.patience = Objects.requireNonNull(patience, "patience");
    }

    @Override
    public int register(String subject, Schema schema) {
        return retried(() -> delegate.register(subject, schema));
    }

    @Override
    public Schema schemaById(int id) {
        return retried(() -> delegate.schemaById(id));
    }

    private <T> T retried(Supplier<T> request) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return request.get();
            } catch (SchemaRegistryUnavailableException e) {
                if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                availability.pauseBeforeRetry();
            }
        }
    }
}
