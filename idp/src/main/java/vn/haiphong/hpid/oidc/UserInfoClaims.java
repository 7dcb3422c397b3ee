package vn.haiphong.hpid.oidc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;

/** The userinfo response: {@code sub}, and the claims the access token's scopes allow. */
final class UserInfoClaims implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final PersonStore people;

	UserInfoClaims(PersonStore people) {
		this.people = people;
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
		if (scopes.contains("profile")) {
			person.displayName().ifPresent((name) -> claims.put("name", name));
		}
		if (scopes.contains("email")) {
			person.email().ifPresent((email) -> {
				claims.put("email", email);
				claims.put("email_verified", false);
			});
		}
		if (scopes.contains("phone")) {
			person.phone().ifPresent((phone) -> {
				claims.put("phone_number", phone);
				claims.put("phone_number_verified", false);
			});
		}
		return new OidcUserInfo(claims);
	}

}
