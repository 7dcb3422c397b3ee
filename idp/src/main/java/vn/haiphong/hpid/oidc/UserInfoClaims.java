package vn.haiphong.hpid.oidc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

import vn.haiphong.hpid.identity.VerifiedIdentities;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.Realm;

/**
 * The userinfo response: the {@code sub} of the token's client (public or pairwise, the
 * same as in its ID token), and the claims the access token's scopes allow. The
 * authorization names the person by id, read from the durable grant, never from the
 * token's {@code sub}.
 */
final class UserInfoClaims implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final PersonStore people;

	private final VerifiedIdentities identities;

	private final SubjectIdentifiers subjects;

	UserInfoClaims(PersonStore people, VerifiedIdentities identities, SubjectIdentifiers subjects) {
		this.people = people;
		this.identities = identities;
		this.subjects = subjects;
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		Realm realm = RealmContext.current().realm();
		Person person = this.people.findById(realm.name(), context.getAuthorization().getPrincipalName())
			.filter(Person::active)
			.orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error("invalid_token")));
		Set<String> scopes = context.getAccessToken().getScopes();
		Map<String, Object> claims = new LinkedHashMap<>();
		Map<String, Object> tokenClaims = context.getAuthorization().getAccessToken().getClaims();
		Object clientId = tokenClaims == null ? null : tokenClaims.get("client_id");
		if (clientId == null) {
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token"));
		}
		claims.put("sub", this.subjects.forClient(realm, clientId.toString(), person.id()));
		claims.putAll(ProfileClaims.of(person, this.identities.findByPerson(person.realm(), person.id()), scopes));
		return new OidcUserInfo(claims);
	}

}
