package com.o2cpulse.serde;

/** No registry could be reached or every one answered with a server error: worth retrying, not dead-lettering. */
public final class SchemaRegistryUnavailableException extends SchemaRegistryException {

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
