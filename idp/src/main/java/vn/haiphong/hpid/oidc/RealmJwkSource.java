package vn.haiphong.hpid.oidc;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import vn.haiphong.hpid.keys.SigningKeys;

/**
 * The keys of the realm being served: the active signing key and the keys kept for
 * verification.
 */
final class RealmJwkSource implements JWKSource<SecurityContext> {

	private final SigningKeys keys;

	RealmJwkSource(SigningKeys keys) {
		this.keys = keys;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		SigningKeys.RealmKeys realmKeys = this.keys.forRealm(RealmContext.current().realm().name());
		// The JWKS endpoint and JwtDecoder take public parts only; the encoder needs the private one.
		return selector.select(realmKeys.selectable());
	}

}
