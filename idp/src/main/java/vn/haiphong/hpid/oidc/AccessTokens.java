package vn.haiphong.hpid.oidc;

import java.util.Optional;

import vn.haiphong.hpid.security.Hashes;

/**
 * How access-token ids are made and revoked. A person's token id starts with its grant
 * id ({@code grantId.random}), so revoking a refresh-token family also revokes every
 * access token it produced, without keeping a list of them.
 */
final class AccessTokens {

	private static final String CLIENT_PREFIX = "cc.";

	private AccessTokens() {
	}

	static String personTokenId(String grantId) {
		return grantId + "." + Hashes.randomToken(12);
	}

	static String clientTokenId() {
		return CLIENT_PREFIX + Hashes.randomToken(16);
	}

	static Optional<String> grantIdOf(String jti) {
		if (jti.startsWith(CLIENT_PREFIX)) {
			return Optional.empty();
		}
		int dot = jti.lastIndexOf('.');
		return dot > 0 ? Optional.of(jti.substring(0, dot)) : Optional.empty();
	}

	static String revokedJtiKey(String jti) {
		return "revoked-jti:" + jti;
	}

}
