package vn.haiphong.hpid.oidc;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The resource server's decoder for bearer tokens (userinfo, the admin API), remembering
 * the tokens whose signatures it has verified ({@link VerifiedTokenCache}). The validators
 * (type, expiry, not-before) run at every use, cached or not.
 */
final class RememberingJwtDecoder implements JwtDecoder {

	private final JwtDecoder verifying;

	private final OAuth2TokenValidator<Jwt> validator;

	private final VerifiedTokenCache<Jwt> verified;

	/**
	 * @param verifying checks the signature with the realm's keys and runs {@code validator}
	 * @param validator the checks to repeat for a remembered token
	 */
	RememberingJwtDecoder(JwtDecoder verifying, OAuth2TokenValidator<Jwt> validator, VerifiedTokenCache<Jwt> verified) {
		this.verifying = verifying;
		this.validator = validator;
		this.verified = verified;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		String realm = RealmContext.current().realm().name();
		Jwt jwt = this.verified.get(realm, token);
		if (jwt == null) {
			jwt = this.verifying.decode(token);
			Object kid = jwt.getHeaders().get("kid");
			this.verified.put(realm, kid == null ? null : kid.toString(), token, jwt, jwt.getExpiresAt());
			return jwt;
		}
		OAuth2TokenValidatorResult result = this.validator.validate(jwt);
		if (result.hasErrors()) {
			throw new JwtValidationException("The token is no longer valid", result.getErrors());
		}
		return jwt;
	}

}
