package com.o2cpulse.replayfile;

/**
 * A replay-file line that cannot be read as an input event at all (not JSON, no such stream, a field missing or of
 * the wrong type); the message is a one-line reason naming the field. Not the validator's
 * {@code InvalidEventException}, which judges a readable event against the business contract.
 */
public final class MalformedLineException extends RuntimeException {

    public MalformedLineException(String reason) {
        super(reason);
    }
}
