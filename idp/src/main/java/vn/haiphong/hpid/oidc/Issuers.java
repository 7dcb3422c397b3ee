package vn.haiphong.hpid.oidc;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where each realm's issuer is: {@code {base}/realms/{realm}}. The base is the
 * configured public URL when hpid sits behind a proxy, else the request's own.
 */
public final class Issuers {

	private static final Pattern REALM_PATH = Pattern
		.compile("^/realms/([a-z][a-z0-9-]{1,39})(/.*)?$");

	private static final Pattern METADATA_PATH = Pattern
		.compile("^/\\.well-known/oauth-authorization-server/realms/([a-z][a-z0-9-]{1,39})$");

	private final URI publicBaseUrl;

	public Issuers(URI publicBaseUrl) {
		this.publicBaseUrl = publicBaseUrl;
	}

	/** The realm named by a request path, for realm paths and RFC 8414 metadata paths. */
	public static Optional<String> realmOf(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Matcher matcher = REALM_PATH.matcher(path);
		if (matcher.matches()) {
			return Optional.of(matcher.group(1));
		}
		matcher = METADATA_PATH.matcher(path);
		return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	public String issuer(HttpServletRequest request, String realm) {
		return baseUrl(request) + "/realms/" + realm;
	}

	public String baseUrl(HttpServletRequest request) {
		if (this.publicBaseUrl != null) {
			String base = this.publicBaseUrl.toString();
			return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		}
		StringBuilder url = new StringBuilder();
		String scheme = request.getScheme();
		int port = request.getServerPort();
		url.append(scheme).append("://").append(request.getServerName());
		if (!("http".equals(scheme) && port == 80) && !("https".equals(scheme) && port == 443)) {
			url.append(':').append(port);
		}
		return url.append(request.getContextPath()).toString();
	}

	/** Whether people reach hpid over HTTPS, so cookies are Secure and HSTS is sent. */
	public boolean secure(HttpServletRequest request) {
		return this.publicBaseUrl != null ? "https".equals(this.publicBaseUrl.getScheme()) : request.isSecure();
	}

}
