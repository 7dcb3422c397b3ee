package vn.haiphong.hpid.vneid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import vn.haiphong.hpid.spi.FailureKind;

/**
 * VNeID's response envelope {@code {"data": ..., "key": ...}}: {@code key} is an AES key
 * encrypted to our RSA public key with PKCS#1 v1.5 padding, {@code data} the JSON payload
 * encrypted with that key in ECB mode.
 *
 * <p>Both choices are weak (ECB leaks patterns, PKCS#1 v1.5 invites padding oracles) and
 * are imposed by the upstream. They live in this one package-private class so that
 * nothing of ours can reuse them; do not copy this code elsewhere.
 */
final class VneidEnvelope {

    private static final String RSA = "RSA/ECB/PKCS1Padding";
    private static final String AES = "AES/ECB/PKCS5Padding";

    private VneidEnvelope() {
    }

    /**
     * Opens an envelope with the relying party's private key.
     *
     * @throws UpstreamFailure MALFORMED_RESPONSE when the body is not an envelope,
     *                         UNDECRYPTABLE when it is one that our key cannot open
     */
    static Map<String, Object> open(byte[] body, PrivateKey relyingPartyKey, String what) {
        Map<String, Object> envelope = Json.object(body, what);
        byte[] encryptedKey = base64Field(envelope, "key", what);
        byte[] encryptedData = base64Field(envelope, "data", what);
        byte[] plaintext;
        try {
            Cipher rsa = Cipher.getInstance(RSA);
            rsa.init(Cipher.DECRYPT_MODE, relyingPartyKey);
            SecretKeySpec aesKey = new SecretKeySpec(aesKeyBytes(rsa.doFinal(encryptedKey), what), "AES");
            Cipher aes = Cipher.getInstance(AES);
            aes.init(Cipher.DECRYPT_MODE, aesKey);
            plaintext = aes.doFinal(encryptedData);
        } catch (GeneralSecurityException e) {
            throw new UpstreamFailure(FailureKind.UNDECRYPTABLE,
                    what + " envelope cannot be opened with our key (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return Json.object(plaintext, what + " payload");
        } catch (UpstreamFailure notJson) {
            // Padding matched by chance but the bytes are noise: the key was not ours.
            throw new UpstreamFailure(FailureKind.UNDECRYPTABLE, what + " envelope decrypts to something that is not JSON");
        }
    }

    /** Seals a payload the way VNeID does; for the sandbox and tests only. */
    static byte[] seal(Map<String, ?> payload, PublicKey relyingPartyPublicKey) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, new SecureRandom());
            SecretKey aesKey = generator.generateKey();
            Cipher aes = Cipher.getInstance(AES);
            aes.init(Cipher.ENCRYPT_MODE, aesKey);
            byte[] data = aes.doFinal(Json.write(payload).getBytes(StandardCharsets.UTF_8));
            Cipher rsa = Cipher.getInstance(RSA);
            rsa.init(Cipher.ENCRYPT_MODE, relyingPartyPublicKey);
            byte[] key = rsa.doFinal(aesKey.getEncoded());
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("data", Base64.getEncoder().encodeToString(data));
            envelope.put("key", Base64.getEncoder().encodeToString(key));
            return Json.write(envelope).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a VNeID envelope", e);
        }
    }

    /**
     * Integrations disagree on whether the RSA layer carries the raw AES key or its base64
     * text. A raw key has exactly 16, 24 or 32 bytes; anything else is tried as base64.
     */
    private static byte[] aesKeyBytes(byte[] decrypted, String what) throws GeneralSecurityException {
        if (isAesKeyLength(decrypted.length)) {
            return decrypted;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(new String(decrypted, StandardCharsets.US_ASCII).strip());
            if (isAesKeyLength(decoded.length)) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // fall through
        }
        throw new GeneralSecurityException(what + " AES key has an impossible length");
    }

    private static boolean isAesKeyLength(int n) {
        return n == 16 || n == 24 || n == 32;
    }

    private static byte[] base64Field(Map<String, Object> envelope, String field, String what) {
        if (!(envelope.get(field) instanceof String text) || text.isBlank()) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, what + " is not an envelope: no '" + field + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, what + " envelope '" + field + "' is not base64");
        }
    }
}
