package vn.haiphong.hpid.oidc;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import vn.haiphong.hpid.security.Hashes;

/**
 * Opaque refresh tokens of 256 random bits. A rotated token inherits the expiry of the
 * family, so rotation never stretches a sign-in past the realm's refresh lifetime.
 */
final class OpaqueRefreshTokenGenerator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private final Clock clock;

	OpaqueRefreshTokenGenerator(Clock clock) {
		this.clock = clock;
	}

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
				|| !context.getRegisteredClient().getAuthorizationGrantTypes()
					.contains(AuthorizationGrantType.REFRESH_TOKEN)
				|| isPublic(context)) {
			return null;
		}
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
		if (context.getAuthorization() != null && context.getAuthorization().getRefreshToken() != null
				&& context.getAuthorization().getRefreshToken().getToken().getExpiresAt() != null) {
			expiresAt = context.getAuthorization().getRefreshToken().getToken().getExpiresAt();
		}
		return new OAuth2RefreshToken(Hashes.randomToken(32), now, expiresAt);
	}

	/**
	 * A public client cannot authenticate a refresh or a revocation, so it gets no
	 * refresh token: it signs in again through the SSO session instead.
	 */
	private static boolean isPublic(OAuth2TokenContext context) {
		return context.getRegisteredClient().getClientAuthenticationMethods()
			.equals(java.util.Set.of(ClientAuthenticationMethod.NONE));
	}

}
