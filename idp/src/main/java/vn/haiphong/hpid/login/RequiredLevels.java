package vn.haiphong.hpid.login;

import java.util.Optional;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.spi.LevelOfAssurance;

/**
 * The level of assurance an authorization request needs: the stronger of the client's
 * {@code minimumAcr} (realm file) and what the request asks with {@code acr_values}. Of
 * the {@code acr_values} hpid knows, the weakest is enough (the list names acceptable
 * values); asking for {@code urn:hpid:acr:local} asks for nothing; unknown values are
 * ignored (OpenID Connect Core §3.1.2.1: a voluntary claim).
 */
public final class RequiredLevels {

	private RequiredLevels() {
	}

	public static Optional<LevelOfAssurance> of(Realm realm, String clientId, String acrValues) {
		Optional<LevelOfAssurance> minimum = Optional.ofNullable(clientId)
			.flatMap(realm::client)
			.flatMap((client) -> client.minimumLevel());
		Optional<LevelOfAssurance> asked = asked(acrValues);
		if (minimum.isEmpty()) {
			return asked;
		}
		if (asked.isEmpty()) {
			return minimum;
		}
		return Optional.of(asked.get().satisfies(minimum.get()) ? asked.get() : minimum.get());
	}

	/** The level the login transaction's authorization request needs. */
	public static Optional<LevelOfAssurance> of(Realm realm, LoginTransactions.LoginTransaction transaction) {
		MultiValueMap<String, String> query = UriComponentsBuilder.fromUriString(transaction.continueTo())
			.build(true)
			.getQueryParams();
		return of(realm, decode(query.getFirst("client_id")), decode(query.getFirst("acr_values")));
	}

	/** Whether a session's {@code acr} meets the level; a local sign-in meets none. */
	public static boolean satisfied(String sessionAcr, Optional<LevelOfAssurance> required) {
		if (required.isEmpty()) {
			return true;
		}
		return LevelOfAssurance.fromAcr(sessionAcr).map((level) -> level.satisfies(required.get())).orElse(false);
	}

	private static Optional<LevelOfAssurance> asked(String acrValues) {
		if (acrValues == null || acrValues.isBlank()) {
			return Optional.empty();
		}
		LevelOfAssurance weakest = null;
		for (String value : acrValues.trim().split("\\s+")) {
			if (value.equals(vn.haiphong.hpid.oidc.AuthenticationLevels.LOCAL_PASSWORD)) {
				return Optional.empty();
			}
			Optional<LevelOfAssurance> level = LevelOfAssurance.fromAcr(value);
			if (level.isPresent() && (weakest == null || weakest.satisfies(level.get()))) {
				weakest = level.get();
			}
		}
		return Optional.ofNullable(weakest);
	}

	private static String decode(String value) {
		return value == null ? null : java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
