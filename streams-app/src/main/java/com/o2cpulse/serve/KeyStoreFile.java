package com.o2cpulse.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;

/** A key or trust store file (PKCS12 or JKS, told apart by its content) and its password. */
public record KeyStoreFile(Path location, Secret password) {

    /** Loads the store; fails with a message naming the file and the cause, never the password. */
    public KeyStore load() {
        try {
            return KeyStore.getInstance(location.toFile(), password.chars());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read key store " + location + ": " + reason(e), e);
        }
    }

    /** The JDK words a wrong password differently by store type and version; it always has this cause. */
    private static String reason(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecoverableKeyException) {
                return "wrong password (or a damaged file)";
            }
        }
        return e.getMessage();
    }
}
