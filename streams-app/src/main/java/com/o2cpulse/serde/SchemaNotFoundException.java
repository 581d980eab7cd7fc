package com.o2cpulse.serde;

/** The registry answered that the schema id, subject or version asked for does not exist. */
public final class SchemaNotFoundException extends SchemaRegistryException {

    public SchemaNotFoundException(String message) {
        super(message);
    }
}
