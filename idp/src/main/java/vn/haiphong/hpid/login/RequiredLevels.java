package vn.haiphong.hpid.login;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.util.JSONObjectUtils;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.spi.LevelOfAssurance;

/**
 * The level of assurance an authorization request needs: the stronger of the client's
 * {@code minimumAcr} (realm file) and what the request asks with {@code acr_values}, or
 * with the {@code claims} parameter's {@code id_token.acr} ({@code value} or
 * {@code values}; OpenID Connect Core §5.5.1.1), the only member of {@code claims} hpid
 * reads. Of the values hpid knows, the weakest is enough (they name acceptable values);
 * asking for {@code urn:hpid:acr:local} asks for nothing; unknown values are ignored.
 */
public final class RequiredLevels {

	private RequiredLevels() {
	}

	public static Optional<LevelOfAssurance> of(Realm realm, String clientId, String acrValues, String claims) {
		Optional<LevelOfAssurance> minimum = Optional.ofNullable(clientId)
			.flatMap(realm::client)
			.flatMap((client) -> client.minimumLevel());
		Optional<LevelOfAssurance> asked = stronger(asked(acrValues), asked(acrFromClaims(claims)));
		return stronger(minimum, asked);
	}

	private static Optional<LevelOfAssurance> stronger(Optional<LevelOfAssurance> a, Optional<LevelOfAssurance> b) {
		if (a.isEmpty()) {
			return b;
		}
		if (b.isEmpty()) {
			return a;
		}
		return Optional.of(a.get().satisfies(b.get()) ? a.get() : b.get());
	}

	/** The {@code acr} values of {@code claims.id_token.acr}, space-separated; null when absent or unreadable. */
	private static String acrFromClaims(String claims) {
		if (claims == null || claims.isBlank() || claims.length() > 4000) {
			return null;
		}
		try {
			Map<String, Object> request = JSONObjectUtils.parse(claims);
			Map<String, Object> idToken = JSONObjectUtils.getJSONObject(request, "id_token");
			Map<String, Object> acr = idToken == null ? null : JSONObjectUtils.getJSONObject(idToken, "acr");
			if (acr == null) {
				return null;
			}
			if (acr.get("value") instanceof String value) {
				return value;
			}
			String[] values = JSONObjectUtils.getStringArray(acr, "values");
			return values == null ? null : String.join(" ", values);
		}
		catch (ParseException ex) {
			return null;
		}
	}

	/** The level the login transaction's authorization request needs. */
	public static Optional<LevelOfAssurance> of(Realm realm, LoginTransactions.LoginTransaction transaction) {
		MultiValueMap<String, String> query = UriComponentsBuilder.fromUriString(transaction.continueTo())
			.build(true)
			.getQueryParams();
		return of(realm, decode(query.getFirst("client_id")), decode(query.getFirst("acr_values")),
				decode(query.getFirst("claims")));
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
