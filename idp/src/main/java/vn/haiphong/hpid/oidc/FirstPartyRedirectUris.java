package vn.haiphong.hpid.oidc;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

import vn.haiphong.hpid.realm.RedirectUriRules;

/**
 * Redirect URIs written as a path ({@code /admin/console/}) belong to apps served by hpid
 * itself, whose address is only known per request (a test server on a random port, a
 * node behind a proxy). They are resolved against the base URL of the request's issuer
 * ({@code {base}/realms/{realm}} without {@code /realms/{realm}}), and the result is then
 * matched exactly like any registered URI: no pattern matching is introduced.
 */
final class FirstPartyRedirectUris {

	private FirstPartyRedirectUris() {
	}

	static boolean present(RegisteredClient client) {
		return client.getRedirectUris().stream().anyMatch(RedirectUriRules::isFirstPartyPath)
				|| client.getPostLogoutRedirectUris().stream().anyMatch(RedirectUriRules::isFirstPartyPath);
	}

	/** The client with its path redirect URIs made absolute for the current realm request. */
	static RegisteredClient resolve(RegisteredClient client) {
		if (client == null || !(AuthorizationServerContextHolder.getContext() instanceof RealmContext context)) {
			return client;
		}
		String suffix = "/realms/" + context.realm().name();
		String issuer = context.issuer();
		if (!issuer.endsWith(suffix)) {
			return client;
		}
		String base = issuer.substring(0, issuer.length() - suffix.length());
		return RegisteredClient.from(client)
			.redirectUris((uris) -> replace(uris, base))
			.postLogoutRedirectUris((uris) -> replace(uris, base))
			.build();
	}

	private static void replace(Set<String> uris, String base) {
		Set<String> resolved = new LinkedHashSet<>();
		for (String uri : uris) {
			resolved.add(RedirectUriRules.isFirstPartyPath(uri) ? base + uri : uri);
		}
		uris.clear();
		uris.addAll(resolved);
	}

}
