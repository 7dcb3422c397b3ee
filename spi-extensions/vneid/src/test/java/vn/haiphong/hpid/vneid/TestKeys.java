package vn.haiphong.hpid.vneid;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** RSA keys generated once per test run: key generation is the slowest thing these tests do. */
final class TestKeys {

    static final KeyPair RELYING_PARTY = rsa();
    static final KeyPair STRANGER = rsa();
    static final RelyingPartyKey RP_KEY = RelyingPartyKey.of(RELYING_PARTY.getPrivate());

    private TestKeys() {
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
