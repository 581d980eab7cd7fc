package com.o2cpulse.sim;

/** A replay-file line that is not a well-formed input event; the message is a one-line reason naming the field. */
public final class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
