package com.o2cpulse.lifecycle;

/** An input event that breaks the input contract; the reason is one human-readable line. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }
}
