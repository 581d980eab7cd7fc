package com.o2cpulse.serde;

/** A schema registry refused or failed a request; the subclasses tell not-found and unavailable apart. */
public class SchemaRegistryException extends RuntimeException {

    public SchemaRegistryException(String message) {
        super(message);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
