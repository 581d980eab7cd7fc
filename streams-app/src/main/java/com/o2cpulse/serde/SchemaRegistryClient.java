package com.o2cpulse.serde;

import org.apache.avro.Schema;

/** Registers Avro schemas under subjects and resolves global schema ids, as the Confluent Schema Registry does. */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} and returns its global id; registering the same schema again
     * returns the same id.
     */
    int register(String subject, Schema schema);

    /** The schema with this global id; throws {@link SchemaNotFoundException} when the registry has none. */
    Schema schemaById(int id);
}
