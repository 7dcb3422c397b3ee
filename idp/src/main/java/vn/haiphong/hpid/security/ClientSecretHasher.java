package vn.haiphong.hpid.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Client secrets are generated with at least 256 bits of entropy, so a keyed SHA-256
 * (HMAC) is as strong as a slow hash for them and costs microseconds instead of the
 * tens of milliseconds BCrypt spends on every token request. The key comes from the
 * master key, so a stolen database alone does not allow offline guessing.
 */
public final class ClientSecretHasher implements PasswordEncoder {

	private static final String PREFIX = "hs256$";

	private final byte[] key;

	public ClientSecretHasher(MasterKey masterKey) {
		this.key = masterKey.derive("client-secret");
	}

	@Override
	public String encode(CharSequence rawSecret) {
		byte[] mac = MasterKey.hmac(this.key, rawSecret.toString().getBytes(StandardCharsets.UTF_8));
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
	}

	@Override
	public boolean matches(CharSequence rawSecret, String encoded) {
		if (rawSecret == null || encoded == null || !encoded.startsWith(PREFIX)) {
			return false;
		}
		return MessageDigest.isEqual(encode(rawSecret).getBytes(StandardCharsets.US_ASCII),
				encoded.getBytes(StandardCharsets.US_ASCII));
	}

}
