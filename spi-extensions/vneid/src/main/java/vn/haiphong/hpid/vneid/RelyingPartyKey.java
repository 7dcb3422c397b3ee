package vn.haiphong.hpid.vneid;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Collections;
import java.util.Objects;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Our RSA key pair registered with VNeID: the upstream encrypts to the public half, we
 * open envelopes with the private half. Agencies receive it as PEM (PKCS#8
 * {@code BEGIN PRIVATE KEY} or PKCS#1 {@code BEGIN RSA PRIVATE KEY}) or as a PKCS#12 file.
 */
public final class RelyingPartyKey {

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;

    private RelyingPartyKey(PrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new InvalidRelyingPartyKeyException("the relying-party key must be an RSA private key with CRT parameters");
        }
        if (crt.getModulus().bitLength() < 2048) {
            throw new InvalidRelyingPartyKeyException("the relying-party RSA key must have at least 2048 bits");
        }
        this.privateKey = privateKey;
        this.publicKey = publicHalf(crt);
    }

    public static RelyingPartyKey of(PrivateKey privateKey) {
        return new RelyingPartyKey(Objects.requireNonNull(privateKey, "privateKey"));
    }

    public static RelyingPartyKey fromPem(Path file) {
        try {
            return fromPem(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidRelyingPartyKeyException("cannot read relying-party key file " + file.getFileName(), e);
        }
    }

    public static RelyingPartyKey fromPem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidRelyingPartyKeyException("relying-party key PEM is empty");
        }
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidRelyingPartyKeyException("relying-party key is not valid PEM", e);
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (parsed instanceof PEMKeyPair pkcs1) {
                return new RelyingPartyKey(converter.getKeyPair(pkcs1).getPrivate());
            }
            if (parsed instanceof PrivateKeyInfo pkcs8) {
                return new RelyingPartyKey(converter.getPrivateKey(pkcs8));
            }
        } catch (IOException e) {
            throw new InvalidRelyingPartyKeyException("relying-party key PEM holds an unusable key", e);
        }
        throw new InvalidRelyingPartyKeyException(parsed == null
                ? "relying-party key PEM holds no PEM block"
                : "relying-party key PEM holds a " + parsed.getClass().getSimpleName()
                        + ", expected an unencrypted RSA private key (PKCS#8 or PKCS#1)");
    }

    /**
     * @param alias the entry to use, or null for the only private-key entry in the file
     */
    public static RelyingPartyKey fromPkcs12(InputStream in, char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String entry = alias;
            if (entry == null) {
                for (String candidate : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(candidate)) {
                        if (entry != null) {
                            throw new InvalidRelyingPartyKeyException("PKCS#12 file holds several keys; name the alias");
                        }
                        entry = candidate;
                    }
                }
            }
            Key key = entry == null ? null : store.getKey(entry, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new InvalidRelyingPartyKeyException("PKCS#12 file holds no private key"
                        + (alias == null ? "" : " under alias '" + alias + "'"));
            }
            return new RelyingPartyKey(privateKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidRelyingPartyKeyException("cannot open PKCS#12 file (wrong password or not PKCS#12)", e);
        }
    }

    public static RelyingPartyKey fromPkcs12(Path file, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromPkcs12(in, password, alias);
        } catch (IOException e) {
            throw new InvalidRelyingPartyKeyException("cannot read PKCS#12 file " + file.getFileName(), e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The half VNeID encrypts to; derived from the private key, so only one file needs to be kept. */
    public RSAPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "RelyingPartyKey[RSA " + publicKey.getModulus().bitLength() + " bits]";
    }

    private static RSAPublicKey publicHalf(RSAPrivateCrtKey crt) {
        try {
            BigInteger e = crt.getPublicExponent();
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), e));
        } catch (GeneralSecurityException ex) {
            throw new InvalidRelyingPartyKeyException("cannot derive the public half of the relying-party key", ex);
        }
    }
}
