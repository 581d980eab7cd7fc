package com.o2cpulse.sim;

/**
 * A replay-file line that cannot be decoded into an input event; the message is a one-line reason naming the
 * field. A kind of the validator's exception, so that replay handles undecodable and invalid events alike.
 */
public final class InvalidEventException extends com.o2cpulse.lifecycle.InvalidEventException {

    public InvalidEventException(String reason) {
        super(reason);
    }
}
