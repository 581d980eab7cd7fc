package com.o2cpulse.config;

/** An unusable setting; the message is the one line the user sees. */
public class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }
}
