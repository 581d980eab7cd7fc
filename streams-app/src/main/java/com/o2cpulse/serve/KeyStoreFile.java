package com.o2cpulse.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** A key or trust store file (PKCS12 or JKS, told apart by its content) and its password. */
public record KeyStoreFile(Path location, Secret password) {

    /** Loads the store; fails with a message naming the file and the cause, never the password. */
    public KeyStore load() {
        try {
            return KeyStore.getInstance(location.toFile(), password.chars());
        } catch (IOException | GeneralSecurityException e) {
            // The JDK says "keystore password was incorrect" for a wrong password; it never repeats the password.
            throw new IllegalArgumentException("cannot read key store " + location + ": " + e.getMessage(), e);
        }
    }
}
