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

/** The userinfo response: {@code sub}, and the claims the access token's scopes allow. */
final class UserInfoClaims implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final PersonStore people;

	private final VerifiedIdentities identities;

	UserInfoClaims(PersonStore people, VerifiedIdentities identities) {
		this.people = people;
		this.identities = identities;
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		String subject = context.getAuthorization().getPrincipalName();
		Person person = this.people.findById(RealmContext.current().realm().name(), subject)
			.filter(Person::active)
			.orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error("invalid_token")));
		Set<String> scopes = context.getAccessToken().getScopes();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", person.id());
		claims.putAll(ProfileClaims.of(person, this.identities.findByPerson(person.realm(), person.id()), scopes));
		return new OidcUserInfo(claims);
	}

}
