package vn.haiphong.hpid.oidc;

import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * Verifies an access token of one realm for hpid's own APIs (the admin API), exactly as
 * the userinfo endpoint does: signature by a published key of the realm, type
 * {@code at+jwt}, expiry, the realm's issuer, and a grant that is not revoked.
 */
public final class RealmAccessTokens {

	/** What a verified access token says. */
	public record VerifiedAccessToken(String realm, String subject, String clientId, String sid, Instant expiresAt) {
	}

	private final RealmRegistry realms;

	private final Issuers issuers;

	private final AuthorizationServerSettings settings;

	private final JwtDecoder decoder;

	private final OAuth2AuthorizationService authorizations;

	RealmAccessTokens(RealmRegistry realms, Issuers issuers, AuthorizationServerSettings settings, JwtDecoder decoder,
			OAuth2AuthorizationService authorizations) {
		this.realms = realms;
		this.issuers = issuers;
		this.settings = settings;
		this.decoder = decoder;
		this.authorizations = authorizations;
	}

	public Optional<VerifiedAccessToken> verify(String realmName, String token, HttpServletRequest request) {
		Optional<Realm> realm = this.realms.find(realmName);
		if (realm.isEmpty() || token == null || token.isEmpty() || token.length() > 8192) {
			return Optional.empty();
		}
		AuthorizationServerContext previous = AuthorizationServerContextHolder.getContext();
		AuthorizationServerContextHolder.setContext(
				new RealmContext(realm.get(), this.issuers.issuer(request, realmName), this.settings));
		try {
			Jwt jwt = this.decoder.decode(token);
			// The grant check (revocation, known client, issuer) is the authorization service's.
			if (this.authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN) == null
					|| jwt.getSubject() == null) {
				return Optional.empty();
			}
			return Optional.of(new VerifiedAccessToken(realmName, jwt.getSubject(), jwt.getClaimAsString("client_id"),
					jwt.getClaimAsString("sid"), jwt.getExpiresAt()));
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
		finally {
			if (previous == null) {
				AuthorizationServerContextHolder.resetContext();
			}
			else {
				AuthorizationServerContextHolder.setContext(previous);
			}
		}
	}

}
