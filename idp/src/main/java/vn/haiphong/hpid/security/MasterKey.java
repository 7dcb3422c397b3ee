package vn.haiphong.hpid.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that protects secrets at rest (signing keys' private parts) and keys the
 * client-secret hashes. Sub-keys are derived per purpose, so one purpose's output can
 * never be confused with another's.
 */
public final class MasterKey {

	private static final int NONCE_BYTES = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] key;

	public MasterKey(byte[] key) {
		if (key.length < 32) {
			throw new IllegalArgumentException("The master key must be at least 256 bits");
		}
		this.key = key.clone();
	}

	/** A 256-bit key for one purpose, derived with HMAC-SHA256 (HKDF-Expand, one block). */
	public byte[] derive(String purpose) {
		return hmac(this.key, (purpose + "\u0001").getBytes(StandardCharsets.UTF_8));
	}

	/** AES-256-GCM with a random nonce; {@code context} is bound as associated data. */
	public String encrypt(byte[] plaintext, String context) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			RANDOM.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive("encryption"), "AES"),
					new GCMParameterSpec(128, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
			System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
			return "v1." + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	public byte[] decrypt(String encrypted, String context) {
		if (!encrypted.startsWith("v1.")) {
			throw new IllegalArgumentException("Unknown encryption format");
		}
		try {
			byte[] in = Base64.getDecoder().decode(encrypted.substring(3));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive("encryption"), "AES"),
					new GCMParameterSpec(128, in, 0, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"Cannot decrypt a stored secret: the master key differs from the one it was encrypted with", ex);
		}
	}

	static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
