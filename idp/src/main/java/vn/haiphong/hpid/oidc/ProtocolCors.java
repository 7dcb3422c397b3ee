package vn.haiphong.hpid.oidc;

import java.io.IOException;
import java.text.ParseException;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.web.SecurityHeaders;

/**
 * Cross-origin access (CORS, Fetch Standard §3.2) for the endpoints a browser app calls
 * with {@code fetch} from another origin, such as a single-page app with a certified OIDC
 * library:
 * <ul>
 * <li>discovery and {@code /certs}, public documents: {@code Access-Control-Allow-Origin: *}
 * for every origin;</li>
 * <li>token, userinfo and revocation: only an origin a client of the realm registered
 * ({@code webOrigins}) is named back, with {@code Vary: Origin}; when the request names
 * its client (the {@code client_id} parameter, or the {@code client_id} claim of the
 * bearer token at userinfo), that client must have registered it. Never
 * {@code Allow-Credentials}: these endpoints use no cookies.</li>
 * </ul>
 * A preflight carries no client, so it is answered for any origin of the realm ({@code 204})
 * and refused with a bare {@code 403} otherwise. Everything else — introspection (for back
 * ends), the pages (navigations, not fetches) — gets no CORS headers.
 *
 * <p>
 * It runs before every other filter but the outage one, so that its headers are on
 * whatever answers: the fast path, the method check, the unreadable-parameters check and
 * the chain's OAuth errors alike (an app must read {@code invalid_grant} to recover). A
 * request without {@code Origin}, every back-end call, costs one header lookup.
 */
final class ProtocolCors implements Filter {

	private static final String ALLOWED_HEADERS = "Authorization, Content-Type";

	/** How long a browser may keep a preflight's answer; Chromium caps it at two hours. */
	private static final String MAX_AGE_SECONDS = "3600";

	private static final String METADATA_PREFIX = "/.well-known/oauth-authorization-server/realms/";

	private static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";

	/** The endpoints a cross-origin page may call, and what it may read from them. */
	private enum Endpoint {

		DISCOVERY(OPENID_CONFIGURATION, true), CERTS(ProtocolEndpoints.JWKS, true),
		TOKEN(ProtocolEndpoints.TOKEN, false), REVOCATION(ProtocolEndpoints.REVOKE, false),
		USERINFO(ProtocolEndpoints.USERINFO, false);

		private final String path;

		/** Public documents are read by any origin; the others only by registered ones. */
		private final boolean publicDocument;

		/** What a preflight allows: the method check's own list; discovery serves GET. */
		private final String methods;

		Endpoint(String path, boolean publicDocument) {
			this.path = path;
			this.publicDocument = publicDocument;
			List<String> served = AppEndpointMethods.servedBy(path);
			this.methods = served == null ? "GET" : String.join(", ", served);
		}

		static Endpoint of(String path) {
			for (Endpoint endpoint : values()) {
				if (endpoint.path.equals(path)) {
					return endpoint;
				}
			}
			return null;
		}

	}

	private final RealmRegistry realms;

	private final RegisteredWebOrigins origins;

	private final SecurityHeaders headers;

	ProtocolCors(RealmRegistry realms, RegisteredWebOrigins origins, SecurityHeaders headers) {
		this.realms = realms;
		this.origins = origins;
		this.headers = headers;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		String origin = request.getHeader("Origin");
		ProtocolEndpoints.RealmPath target = origin == null ? null : target(request);
		Endpoint endpoint = target == null ? null : Endpoint.of(target.endpoint());
		if (endpoint == null || this.realms.find(target.realm()).isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		boolean preflight = "OPTIONS".equals(request.getMethod())
				&& request.getHeader("Access-Control-Request-Method") != null;
		String allowOrigin;
		try {
			allowOrigin = endpoint.publicDocument ? "*"
					: allowed(endpoint, target.realm(), origin, request, preflight) ? origin : null;
		}
		catch (IllegalStateException unreadable) {
			// Tomcat throws from the first read of a form it will not parse (too large, too many
			// parameters, broken encoding) and not from later ones: keep the failure for
			// UnreadableParametersFilter, whose 400 the realm's origins may read.
			request = new UnreadableParameters(request, unreadable);
			allowOrigin = this.origins.inRealm(target.realm(), origin) ? origin : null;
		}
		if (!endpoint.publicDocument) {
			// The answer depends on the origin: no cache may give one origin's answer to another.
			response.addHeader("Vary", "Origin");
		}
		if (preflight) {
			answerPreflight(request, response, allowOrigin, endpoint.methods);
			return;
		}
		if (allowOrigin != null) {
			response.setHeader("Access-Control-Allow-Origin", allowOrigin);
			if (!endpoint.publicDocument) {
				// Userinfo's errors (RFC 6750 §3) are in it; a page cannot read it otherwise.
				response.setHeader("Access-Control-Expose-Headers", "WWW-Authenticate");
			}
		}
		chain.doFilter(request, response);
	}

	/** The realm and endpoint, for {@code /realms/{realm}/…} and the RFC 8414 metadata path. */
	private static ProtocolEndpoints.RealmPath target(HttpServletRequest request) {
		ProtocolEndpoints.RealmPath path = ProtocolEndpoints.realmPath(request);
		if (path != null || !request.getContextPath().isEmpty()) {
			return path;
		}
		String uri = request.getRequestURI();
		return uri.startsWith(METADATA_PREFIX)
				? new ProtocolEndpoints.RealmPath(uri.substring(METADATA_PREFIX.length()), OPENID_CONFIGURATION)
				: null;
	}

	/**
	 * Whether the origin may read the answer. A preflight carries no client, so the realm's
	 * origins decide; an actual request that names its client (the {@code client_id}
	 * parameter public clients send, the access token's client at userinfo) is held to that
	 * client's.
	 * @throws IllegalStateException when the form cannot be read
	 */
	private boolean allowed(Endpoint endpoint, String realm, String origin, HttpServletRequest request,
			boolean preflight) {
		if (!this.origins.inRealm(realm, origin)) {
			return false;
		}
		if (preflight) {
			return true;
		}
		String clientId = (endpoint == Endpoint.USERINFO) ? bearerTokenClient(request)
				: request.getParameter("client_id");
		return clientId == null || this.origins.ofClient(realm, clientId, origin);
	}

	/**
	 * The {@code client_id} claim (RFC 9068) of a bearer access token, read without
	 * verifying the signature: userinfo verifies it next and refuses a forged token, so a
	 * forgery only lets an origin of the realm read a 401. Null when there is no readable
	 * claim, e.g. a token that is not a JWT or an encrypted one: the realm's origins decide.
	 */
	private static String bearerTokenClient(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		try {
			JWTClaimsSet claims = JWTParser.parse(authorization.substring(7).strip()).getJWTClaimsSet();
			return claims != null && claims.getClaim("client_id") instanceof String clientId ? clientId : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	/**
	 * A preflight is answered here: the browser sends no credentials with it, and the
	 * endpoints behind would answer it with a 401 or a 405. An origin not allowed gets a
	 * bare 403 with no CORS headers, which the browser reports as a CORS failure.
	 */
	private void answerPreflight(HttpServletRequest request, HttpServletResponse response, String allowOrigin,
			String methods) {
		this.headers.write(request, response);
		if (allowOrigin == null) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
		response.setHeader("Access-Control-Allow-Origin", allowOrigin);
		response.setHeader("Access-Control-Allow-Methods", methods);
		response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
		response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
	}

	/** A request whose parameters could not be read: every read fails as the first one did. */
	private static final class UnreadableParameters extends HttpServletRequestWrapper {

		private final IllegalStateException failure;

		UnreadableParameters(HttpServletRequest request, IllegalStateException failure) {
			super(request);
			this.failure = failure;
		}

		@Override
		public String getParameter(String name) {
			throw this.failure;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			throw this.failure;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			throw this.failure;
		}

		@Override
		public String[] getParameterValues(String name) {
			throw this.failure;
		}

	}

}
