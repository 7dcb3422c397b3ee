package vn.haiphong.hpid.oidc;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The scopes each person approved for each client that asks for consent. */
final class ConsentStore implements OAuth2AuthorizationConsentService {

	private final JdbcClient jdbc;

	private final Clock clock;

	ConsentStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void save(OAuth2AuthorizationConsent consent) {
		remove(consent);
		String[] realmAndClient = consent.getRegisteredClientId().split("/", 2);
		this.jdbc
			.sql("insert into consent (realm, person_id, client_id, scopes, granted_at) values (?, ?, ?, ?, ?)")
			.params(realmAndClient[0], consent.getPrincipalName(), realmAndClient[1],
					String.join(" ", consent.getScopes()), Timestamp.from(this.clock.instant()))
			.update();
	}

	@Override
	public void remove(OAuth2AuthorizationConsent consent) {
		String[] realmAndClient = consent.getRegisteredClientId().split("/", 2);
		this.jdbc.sql("delete from consent where realm = ? and person_id = ? and client_id = ?")
			.params(realmAndClient[0], consent.getPrincipalName(), realmAndClient[1])
			.update();
	}

	@Override
	public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		String[] realmAndClient = registeredClientId.split("/", 2);
		return this.jdbc.sql("select scopes from consent where realm = ? and person_id = ? and client_id = ?")
			.params(realmAndClient[0], principalName, realmAndClient[1])
			.query(String.class)
			.optional()
			.map((scopes) -> {
				OAuth2AuthorizationConsent.Builder builder = OAuth2AuthorizationConsent.withId(registeredClientId,
						principalName);
				Arrays.stream(scopes.split(" ")).filter((s) -> !s.isEmpty()).forEach(builder::scope);
				return builder.build();
			})
			.orElse(null);
	}

}
