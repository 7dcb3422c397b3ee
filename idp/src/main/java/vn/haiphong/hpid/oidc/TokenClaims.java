package vn.haiphong.hpid.oidc;

import java.time.Instant;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import vn.haiphong.hpid.identity.VerifiedIdentities;
import vn.haiphong.hpid.login.PersonAuthentication;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;

/**
 * The claims hpid puts in its tokens.
 * <ul>
 * <li>Access tokens follow RFC 9068: {@code typ: at+jwt}, {@code client_id}, {@code scope}
 * as a space-separated string, a {@code jti} that names the grant.</li>
 * <li>ID tokens carry {@code auth_time}, {@code acr}, {@code amr} and {@code sid} of the
 * sign-in, and the profile claims the scopes allow.</li>
 * <li>Both carry, for a person, the {@code sub} of the client: public or pairwise
 * ({@link SubjectIdentifiers}).</li>
 * </ul>
 */
final class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final PersonStore people;

	private final VerifiedIdentities identities;

	private final SubjectIdentifiers subjects;

	TokenClaims(PersonStore people, VerifiedIdentities identities, SubjectIdentifiers subjects) {
		this.people = people;
		this.identities = identities;
		this.subjects = subjects;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		RealmContext realm = RealmContext.current();
		boolean personGrant = !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
		Authentication principal = context.getPrincipal();
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			context.getJwsHeader().type("at+jwt");
			context.getClaims().claims((claims) -> {
				claims.put("client_id", context.getRegisteredClient().getClientId());
				claims.put("scope", String.join(" ", context.getAuthorizedScopes()));
			});
			if (personGrant && context.getAuthorization() != null) {
				context.getClaims().id(AccessTokens.personTokenId(context.getAuthorization().getId()));
				if (principal instanceof PersonAuthentication person) {
					addSubject(context, realm, person);
					addSignInClaims(context, person);
				}
			}
			else {
				context.getClaims().id(AccessTokens.clientTokenId());
			}
			return;
		}
		if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
				&& principal instanceof PersonAuthentication person) {
			Instant issuedAt = Instant.now();
			context.getClaims().issuedAt(issuedAt);
			context.getClaims().expiresAt(issuedAt.plus(realm.realm()
				.client(context.getRegisteredClient().getClientId())
				.map((client) -> client.tokens().idTokenLifetime())
				.orElse(realm.realm().tokens().idTokenLifetime())));
			addSubject(context, realm, person);
			addSignInClaims(context, person);
			if (!person.amr().isEmpty()) {
				context.getClaims().claim("amr", List.copyOf(person.amr()));
			}
			this.people.findById(realm.realm().name(), person.personId())
				.ifPresent((found) -> addProfileClaims(context, found));
		}
	}

	private void addSubject(JwtEncodingContext context, RealmContext realm, PersonAuthentication person) {
		context.getClaims().subject(this.subjects.forClient(realm.realm(), context.getRegisteredClient().getClientId(),
				person.personId()));
	}

	private static void addSignInClaims(JwtEncodingContext context, PersonAuthentication person) {
		context.getClaims().claim("auth_time", person.authTime().getEpochSecond());
		if (person.acr() != null) {
			context.getClaims().claim("acr", person.acr());
		}
		if (person.sid() != null) {
			context.getClaims().claim("sid", person.sid());
		}
	}

	private void addProfileClaims(JwtEncodingContext context, Person person) {
		ProfileClaims.of(person, this.identities.findByPerson(person.realm(), person.id()),
				context.getAuthorizedScopes())
			.forEach((name, value) -> context.getClaims().claim(name, value));
	}

}
