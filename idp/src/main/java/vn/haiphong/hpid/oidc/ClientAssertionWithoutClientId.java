package vn.haiphong.hpid.oidc;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * {@code private_key_jwt} without a {@code client_id} parameter, which RFC 7523 §3 and
 * OpenID Connect Core §9 make optional and several client libraries leave out. The
 * client is named by the assertion's {@code sub}; the signature, {@code iss}, {@code sub}
 * and {@code aud} are then checked as usual by the authorization server.
 */
final class ClientAssertionWithoutClientId implements AuthenticationConverter {

	private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	@Override
	public Authentication convert(HttpServletRequest request) {
		String[] types = request.getParameterValues(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE);
		String[] assertions = request.getParameterValues(OAuth2ParameterNames.CLIENT_ASSERTION);
		if (types == null || assertions == null || request.getParameter(OAuth2ParameterNames.CLIENT_ID) != null) {
			return null;
		}
		if (types.length != 1 || assertions.length != 1 || !JWT_BEARER.equals(types[0])) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		String subject;
		try {
			subject = SignedJWT.parse(assertions[0]).getJWTClaimsSet().getSubject();
		}
		catch (ParseException ex) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		if (subject == null || subject.isBlank() || subject.length() > 64) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		return new OAuth2ClientAuthenticationToken(subject, new ClientAuthenticationMethod(JWT_BEARER), assertions[0],
				Map.of());
	}

}
