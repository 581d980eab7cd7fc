package com.o2cpulse.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

/** A self-signed certificate for 127.0.0.1 and localhost in a PKCS12 key store, and a trust store holding it. */
final class TestKeyStores {

    static final String ALIAS = "o2c-pulse";

    final KeyStoreFile keyStore;
    final KeyStoreFile trustStore;

    private TestKeyStores(KeyStoreFile keyStore, KeyStoreFile trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** Made with the JDK's keytool, as an operator would make one. */
    static TestKeyStores createIn(Path dir, String password) throws IOException, InterruptedException, GeneralSecurityException {
        Path keys = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keys.toString(), "-storepass", password))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        Secret secret = Secret.of(password);
        KeyStoreFile keyStore = new KeyStoreFile(keys, secret);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, keyStore.load().getCertificate(ALIAS));
        Path trusted = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trusted)) {
            trust.store(out, password.toCharArray());
        }
        return new TestKeyStores(keyStore, new KeyStoreFile(trusted, secret));
    }
}
