package vn.haiphong.hpid.realm;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import vn.haiphong.hpid.realm.ClientRegistration.GrantType;

/**
 * Reads a client's {@code subjectType} and {@code sector}: which {@code sub} the client
 * receives (OpenID Connect Core 1.0 §8).
 *
 * <p>
 * A pairwise client's sector is the {@code sector} it declares, or else the one host all
 * its redirect URIs share (§8.1). hpid never fetches a {@code sector_identifier_uri}:
 * realm files are reviewed in git, and that review is what vouches that the apps put in
 * one sector belong together, so start-up and {@code validate-realms} never depend on an
 * app's web server.
 */
final class PairwiseSectors {

	// A DNS host name in lower case (RFC 1123 labels), as written in a URI's host.
	private static final Pattern HOST_NAME = Pattern
		.compile("(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

	private PairwiseSectors() {
	}

	/** The sector for a pairwise client; empty for a public one or when a rule is broken (reported). */
	static Optional<String> read(MappingReader client, Set<GrantType> grants, List<String> redirectUris) {
		boolean pairwise = subjectTypeIsPairwise(client);
		Optional<String> declared = client.has("sector") ? client.string("sector").map(String::strip)
				: Optional.empty();
		if (!pairwise) {
			if (declared.isPresent()) {
				client.error("sector", "only used with subjectType: pairwise");
			}
			return Optional.empty();
		}
		if (!grants.isEmpty() && !grants.contains(GrantType.AUTHORIZATION_CODE)) {
			client.error("subjectType", "pairwise subjects are for clients that sign people in "
					+ "(authorization_code); a client_credentials token has no person");
			return Optional.empty();
		}
		if (declared.isPresent()) {
			if (declared.get().contains("/")) {
				client.error("sector", "write the sector's host name, e.g. dulich.haiphong.gov.vn; "
						+ "hpid does not fetch sector identifier URIs");
				return Optional.empty();
			}
			if (!HOST_NAME.matcher(declared.get()).matches()) {
				client.error("sector", "expected a host name in lower case, e.g. dulich.haiphong.gov.vn");
				return Optional.empty();
			}
			return declared;
		}
		return sharedHost(client, redirectUris);
	}

	private static boolean subjectTypeIsPairwise(MappingReader client) {
		Optional<String> type = client.has("subjectType") ? client.string("subjectType") : Optional.empty();
		if (type.isEmpty() || type.get().equals("public")) {
			return false;
		}
		if (type.get().equals("pairwise")) {
			return true;
		}
		client.error("subjectType", "expected public or pairwise");
		return false;
	}

	/** OpenID Connect Core 1.0 §8.1: without a declared sector, the redirect URIs' one host. */
	private static Optional<String> sharedHost(MappingReader client, List<String> redirectUris) {
		Set<String> hosts = new TreeSet<>();
		for (String uri : redirectUris) {
			String host = URI.create(uri).getHost();
			if (host == null) {
				client.error("sector", "required for a pairwise client whose redirect URIs have no host "
						+ "(private-use schemes); write the app's host name");
				return Optional.empty();
			}
			hosts.add(host.toLowerCase(java.util.Locale.ROOT));
		}
		if (hosts.size() > 1) {
			client.error("sector", "required for a pairwise client whose redirect URIs name several hosts ("
					+ String.join(", ", hosts) + "); write the one sector they belong to");
			return Optional.empty();
		}
		// No redirect URI at all is reported by the grant rules.
		return hosts.stream().findFirst();
	}

}
