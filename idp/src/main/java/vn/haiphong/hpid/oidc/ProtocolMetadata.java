package vn.haiphong.hpid.oidc;

import java.util.List;
import java.util.Map;

/**
 * What discovery (OpenID Connect Discovery 1.0, RFC 8414) says hpid supports: exactly
 * what it does, nothing the underlying library could do but hpid refuses.
 */
final class ProtocolMetadata {

	static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token", "client_credentials");

	static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post", "private_key_jwt",
			"none");

	static final List<String> SCOPES = List.of("openid", "profile", "email", "phone",
			ProfileClaims.NATIONAL_ID_SCOPE, ProfileClaims.VERIFIED_CLAIMS_SCOPE);

	static final List<String> CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr",
			"sid", "azp", "name", "family_name", "middle_name", "given_name", "birthdate", "gender", "email",
			"email_verified", "phone_number", "phone_number_verified", "national_id", "enterprise_tax_code",
			"enterprise_name", "verified_claims");

	static final List<String> ACR_VALUES = List.of(AuthenticationLevels.LOCAL_PASSWORD,
			AuthenticationLevels.LOCAL_PASSWORD_OTP,
			AuthenticationLevels.LEVEL_1, AuthenticationLevels.LEVEL_2);

	private ProtocolMetadata() {
	}

	/** Applies the shared fields to a metadata map of either document. */
	static void apply(Map<String, Object> claims) {
		claims.put("grant_types_supported", GRANT_TYPES);
		claims.put("response_types_supported", List.of("code"));
		claims.put("response_modes_supported", List.of("query"));
		claims.put("code_challenge_methods_supported", List.of("S256"));
		claims.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
		claims.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
		claims.put("introspection_endpoint_auth_methods_supported", AUTH_METHODS.subList(0, 3));
		claims.put("revocation_endpoint_auth_methods_supported", AUTH_METHODS.subList(0, 3));
		claims.put("scopes_supported", SCOPES);
		claims.put("authorization_response_iss_parameter_supported", true);
		claims.remove("device_authorization_endpoint");
		claims.remove("pushed_authorization_request_endpoint");
		claims.remove("registration_endpoint");
		claims.remove("tls_client_certificate_bound_access_tokens");
		claims.remove("dpop_signing_alg_values_supported");
		claims.remove("require_pushed_authorization_requests");
	}

	static void applyOidc(Map<String, Object> claims) {
		apply(claims);
		// Pairwise per sector for clients whose realm-file entry says so (SubjectIdentifiers).
		claims.put("subject_types_supported", List.of("public", "pairwise"));
		claims.put("id_token_signing_alg_values_supported", List.of("RS256"));
		claims.put("claims_supported", CLAIMS);
		claims.put("acr_values_supported", ACR_VALUES);
		claims.put("prompt_values_supported", List.of("none", "login"));
		claims.put("claims_parameter_supported", false);
		claims.put("request_parameter_supported", false);
		claims.put("request_uri_parameter_supported", false);
		claims.put("frontchannel_logout_supported", false);
		claims.put("backchannel_logout_supported", true);
		claims.put("backchannel_logout_session_supported", true);
		claims.put("ui_locales_supported", List.of("vi", "en"));
		// OpenID Connect for Identity Assurance 1.0, released with the verified_claims scope.
		claims.put("verified_claims_supported", true);
		claims.put("trust_frameworks_supported", List.of(ProfileClaims.TRUST_FRAMEWORK));
		claims.put("claims_in_verified_claims_supported", List.of("name", "family_name", "middle_name", "given_name",
				"birthdate", "gender", "national_id"));
	}

}
