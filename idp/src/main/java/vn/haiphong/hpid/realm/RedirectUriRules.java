package vn.haiphong.hpid.realm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a registered redirect URI (or post-logout redirect URI, JWKS URI or web origin)
 * may look like. Redirect URIs are compared exactly at the authorization endpoint (RFC 9700
 * §4.1.3), and web origins exactly with the browser's {@code Origin} header, so anything
 * that hints at pattern matching is refused here, at load time.
 */
public final class RedirectUriRules {

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

	private RedirectUriRules() {
	}

	/** Why the redirect URI is not acceptable, or empty when it is. */
	static Optional<String> checkRedirectUri(String value) {
		if (value.contains("*")) {
			return Optional.of("wildcards are not allowed; register every redirect URI exactly");
		}
		Optional<URI> parsed = parse(value);
		if (parsed.isEmpty()) {
			return Optional.of("not a valid URI");
		}
		URI uri = parsed.get();
		if (isFirstPartyPath(value)) {
			return checkFirstPartyPath(uri);
		}
		if (!uri.isAbsolute()) {
			return Optional.of("must be an absolute URI, or a path on hpid's own origin starting with /");
		}
		if (uri.getRawFragment() != null) {
			return Optional.of("must not contain a fragment (RFC 6749 §3.1.2)");
		}
		String scheme = uri.getScheme().toLowerCase();
		if (scheme.equals("https") || scheme.equals("http")) {
			return checkWebOrigin(uri, scheme);
		}
		// Native apps may use a private-use scheme in reverse-domain form (RFC 8252 §7.1);
		// other schemes (javascript:, data:, file:) have no business being redirect targets.
		if (!scheme.contains(".")) {
			return Optional.of("the scheme must be https, http for localhost, "
					+ "or a reverse-domain private-use scheme such as vn.gov.haiphong.app (RFC 8252 §7.1)");
		}
		return Optional.empty();
	}

	/**
	 * Whether the value is a first-party redirect URI: a path on hpid's own origin (such
	 * as the admin console's {@code /admin/console/}), resolved against the issuer's origin
	 * at each request and then matched exactly like any other.
	 */
	public static boolean isFirstPartyPath(String value) {
		return value.startsWith("/") && !value.startsWith("//");
	}

	private static Optional<String> checkFirstPartyPath(URI uri) {
		if (uri.getRawFragment() != null) {
			return Optional.of("must not contain a fragment (RFC 6749 §3.1.2)");
		}
		for (String segment : uri.getRawPath().split("/")) {
			if (segment.equals("..") || segment.equals(".")) {
				return Optional.of("must not contain . or .. segments");
			}
		}
		return Optional.empty();
	}

	/** Why the JWKS URI is not acceptable, or empty when it is. */
	static Optional<String> checkJwksUri(String value) {
		Optional<URI> parsed = parse(value);
		if (parsed.isEmpty() || !parsed.get().isAbsolute()) {
			return Optional.of("must be an absolute https URI");
		}
		URI uri = parsed.get();
		String scheme = uri.getScheme().toLowerCase();
		if (!scheme.equals("https") && !scheme.equals("http")) {
			return Optional.of("must be an absolute https URI");
		}
		if (uri.getRawFragment() != null) {
			return Optional.of("must not contain a fragment");
		}
		return checkWebOrigin(uri, scheme);
	}

	/**
	 * Why the value is not an origin a browser app may be registered from, or empty when it
	 * is. An origin is {@code scheme://host[:port]} and nothing more (RFC 6454 §4): the
	 * browser sends exactly that in its {@code Origin} header, which is compared whole.
	 */
	static Optional<String> checkOrigin(String value) {
		if (value.contains("*")) {
			return Optional.of("wildcards are not allowed; list every origin exactly");
		}
		if (value.equals("+") || value.equals("null")) {
			return Optional.of(value.equals("+")
					? "list the origins exactly; hpid does not derive them from the redirect URIs"
					: "the null origin (sandboxed frames, file: pages) cannot be allowed");
		}
		if (!value.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			return Optional.of("only printable ASCII; write an international domain name in its xn-- form, "
					+ "as browsers send it");
		}
		Optional<URI> parsed = parse(value);
		if (parsed.isEmpty() || !parsed.get().isAbsolute() || parsed.get().getRawAuthority() == null) {
			return Optional.of("must be an origin: scheme://host[:port], e.g. https://dulich.haiphong.gov.vn");
		}
		URI uri = parsed.get();
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !scheme.equals("http")) {
			return Optional.of("the scheme must be https (http only for localhost, 127.0.0.1 and [::1])");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null || !uri.getRawPath().isEmpty()) {
			return Optional.of(uri.getRawPath().equals("/") && uri.getRawQuery() == null && uri.getRawFragment() == null
					? "must not end with /: an origin has no path"
					: "must not have a path, query or fragment: an origin is scheme://host[:port]");
		}
		if (uri.getHost() != null && (uri.getPort() == 0 || uri.getPort() > 65535)) {
			return Optional.of("the port must be between 1 and 65535");
		}
		return checkWebOrigin(uri, scheme);
	}

	/**
	 * A value {@link #checkOrigin} accepted, as browsers serialise it (RFC 6454 §6.2):
	 * scheme and host in lower case, no default port.
	 */
	static String normaliseOrigin(String checked) {
		URI uri = URI.create(checked);
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (port == 443 && scheme.equals("https"))
				|| (port == 80 && scheme.equals("http"));
		return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
	}

	private static Optional<String> checkWebOrigin(URI uri, String scheme) {
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			return Optional.of("must name a host");
		}
		if (uri.getRawUserInfo() != null) {
			return Optional.of("must not contain user information");
		}
		// Plain http is only safe where the traffic never leaves the machine.
		if (scheme.equals("http") && !LOOPBACK_HOSTS.contains(host.toLowerCase())) {
			return Optional.of("http is allowed only for localhost, 127.0.0.1 and [::1]; use https");
		}
		return Optional.empty();
	}

	private static Optional<URI> parse(String value) {
		try {
			return Optional.of(new URI(value));
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

}
