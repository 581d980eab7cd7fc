package com.o2cpulse.serde;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** A registry wrapper that counts the calls reaching the registry behind it. */
final class CountingRegistry implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    private final AtomicInteger registerCalls = new AtomicInteger();
    private final AtomicInteger schemaByIdCalls = new AtomicInteger();

    CountingRegistry(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        registerCalls.incrementAndGet();
        return delegate.register(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        schemaByIdCalls.incrementAndGet();
        return delegate.schemaById(id);
    }

    int registerCalls() {
        return registerCalls.get();
    }

    int schemaByIdCalls() {
        return schemaByIdCalls.get();
    }
}
