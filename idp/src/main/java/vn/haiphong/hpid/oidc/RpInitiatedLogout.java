package vn.haiphong.hpid.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import vn.haiphong.hpid.audit.AuditEvent;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.keys.SigningKeys;
import vn.haiphong.hpid.login.PersonAuthentication;
import vn.haiphong.hpid.login.SsoSessions;
import vn.haiphong.hpid.security.Hashes;
import vn.haiphong.hpid.store.EphemeralStore;
import vn.haiphong.hpid.web.ErrorPages;

/**
 * OpenID Connect RP-Initiated Logout 1.0. With a valid {@code id_token_hint} for the
 * current session, the session ends at once; without one, the person confirms first, so
 * a link on another site cannot sign people out. A {@code post_logout_redirect_uri} must
 * be registered for the client, exactly.
 */
final class RpInitiatedLogout {

	private static final Duration CONFIRMATION_LIFETIME = Duration.ofMinutes(10);

	private final RealmTokenVerifier verifier;

	private final RegisteredClientRepository clients;

	private final SsoSessions sessions;

	private final GrantStore grants;

	private final EphemeralStore ephemeral;

	private final Issuers issuers;

	private final BackChannelLogout backChannel;

	private final SubjectIdentifiers subjects;

	private final AuditLog audit;

	private final JsonMapper json;

	private final Clock clock;

	RpInitiatedLogout(SigningKeys keys, RegisteredClientRepository clients, SsoSessions sessions, GrantStore grants,
			EphemeralStore ephemeral, Issuers issuers, BackChannelLogout backChannel, SubjectIdentifiers subjects,
			AuditLog audit, JsonMapper json, Clock clock) {
		this.backChannel = backChannel;
		this.subjects = subjects;
		this.audit = audit;
		this.verifier = new RealmTokenVerifier(keys);
		this.clients = clients;
		this.sessions = sessions;
		this.grants = grants;
		this.ephemeral = ephemeral;
		this.issuers = issuers;
		this.json = json;
		this.clock = clock;
	}

	/** A logout request: as parsed, then as validated. */
	static final class LogoutRequest extends AbstractAuthenticationToken {

		final String idTokenHint;

		final String clientId;

		final String postLogoutRedirectUri;

		final String state;

		final String confirmation;

		final PersonAuthentication current;

		boolean confirmed;

		LogoutRequest(String idTokenHint, String clientId, String postLogoutRedirectUri, String state,
				String confirmation, PersonAuthentication current) {
			super(List.of());
			this.idTokenHint = idTokenHint;
			this.clientId = clientId;
			this.postLogoutRedirectUri = postLogoutRedirectUri;
			this.state = state;
			this.confirmation = confirmation;
			this.current = current;
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Object getPrincipal() {
			return this.current;
		}

	}

	/** What a confirmation page remembers of the request it confirms. */
	record Pending(String postLogoutRedirectUri, String state) {
	}

	AuthenticationConverter converter() {
		return (request) -> {
			for (String name : List.of("id_token_hint", "client_id", "post_logout_redirect_uri", "state", "confirm")) {
				String[] values = request.getParameterValues(name);
				if (values != null && (values.length > 1 || values[0].length() > 4096)) {
					throw new OAuth2AuthenticationException(new OAuth2Error("invalid_request", name, null));
				}
			}
			Authentication current = SecurityContextHolder.getContext().getAuthentication();
			return new LogoutRequest(request.getParameter("id_token_hint"), request.getParameter("client_id"),
					request.getParameter("post_logout_redirect_uri"), request.getParameter("state"),
					request.getParameter("confirm"),
					current instanceof PersonAuthentication person ? person : null);
		};
	}

	AuthenticationProvider provider() {
		return new AuthenticationProvider() {
			@Override
			public Authentication authenticate(Authentication authentication) {
				LogoutRequest request = (LogoutRequest) authentication;
				if (request.confirmation != null) {
					Pending pending = RpInitiatedLogout.this.ephemeral.take("logout-confirm:" + request.confirmation)
						.map((value) -> RpInitiatedLogout.this.json.readValue(value, Pending.class))
						.orElseThrow(() -> error("the sign-out confirmation has expired"));
					LogoutRequest confirmed = new LogoutRequest(null, null, pending.postLogoutRedirectUri(),
							pending.state(), null, request.current);
					confirmed.confirmed = true;
					confirmed.setAuthenticated(true);
					return confirmed;
				}
				Optional<JWTClaimsSet> hint = Optional.empty();
				if (StringUtils.hasText(request.idTokenHint)) {
					hint = Optional.of(verify(request.idTokenHint));
				}
				String clientId = request.clientId;
				if (hint.isPresent()) {
					List<String> audience = hint.get().getAudience();
					if (audience.isEmpty() || (clientId != null && !audience.contains(clientId))) {
						throw error("id_token_hint was not issued to client_id");
					}
					clientId = clientId != null ? clientId : audience.get(0);
				}
				if (StringUtils.hasText(request.postLogoutRedirectUri)) {
					RegisteredClient client = clientId == null ? null : RpInitiatedLogout.this.clients.findByClientId(clientId);
					if (client == null || !client.getPostLogoutRedirectUris().contains(request.postLogoutRedirectUri)) {
						throw error("post_logout_redirect_uri is not registered for this client");
					}
				}
				boolean sameSession = hint.isPresent() && request.current != null
						&& request.current.sid() != null
						&& request.current.sid().equals(hint.get().getClaim("sid"))
						&& isSignedInPerson(hint.get(), clientId, request.current);
				LogoutRequest validated = new LogoutRequest(request.idTokenHint, clientId,
						request.postLogoutRedirectUri, request.state, null, request.current);
				validated.confirmed = sameSession || request.current == null;
				validated.setAuthenticated(true);
				return validated;
			}

			@Override
			public boolean supports(Class<?> type) {
				return LogoutRequest.class.isAssignableFrom(type);
			}
		};
	}

	AuthenticationSuccessHandler success() {
		return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
			LogoutRequest logout = (LogoutRequest) authentication;
			RealmContext context = RealmContext.current();
			String realmBase = this.issuers.baseUrl(request) + "/realms/" + context.realm().name();
			if (!logout.confirmed) {
				String token = Hashes.randomToken(24);
				this.ephemeral.put("logout-confirm:" + token,
						this.json.writeValueAsString(new Pending(logout.postLogoutRedirectUri, logout.state)),
						CONFIRMATION_LIFETIME);
				response.sendRedirect(realmBase + "/logout-confirm?c=" + token);
				return;
			}
			Optional<String> sid = this.sessions.end(request, response, context.realm(), this.issuers.secure(request));
			sid.ifPresent((ended) -> {
				this.backChannel.sessionEnded(context.realm(), context.issuer(), ended);
				this.grants.revokeSession(context.realm().name(), ended, this.clock.instant());
				this.audit.record(AuditLog.from(AuditEvent.success("LOGOUT", context.realm().name())
					.actor(logout.current != null ? logout.current.personId() : null)
					.client(logout.clientId)
					.with(java.util.Map.of("sid", ended)), request));
			});
			if (StringUtils.hasText(logout.postLogoutRedirectUri)) {
				UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(logout.postLogoutRedirectUri);
				if (StringUtils.hasText(logout.state)) {
					uri.queryParam("state", UriUtils.encode(logout.state, StandardCharsets.UTF_8));
				}
				response.sendRedirect(uri.build(true).toUriString());
				return;
			}
			response.sendRedirect(realmBase + "/logged-out");
		};
	}

	AuthenticationFailureHandler failure() {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
			String detail = exception instanceof OAuth2AuthenticationException oauth
					? oauth.getError().getErrorCode() + " (" + oauth.getError().getDescription() + ")" : "invalid_request";
			ErrorPages.send(request, response, HttpServletResponse.SC_BAD_REQUEST, "logout-invalid", detail);
		};
	}

	/**
	 * Whether the hint names the person signed in here. Its {@code sub} is the one its
	 * client knows, pairwise perhaps, which cannot be turned back into a person; so the
	 * signed-in person's subject for that client is computed and compared.
	 */
	private boolean isSignedInPerson(JWTClaimsSet hint, String clientId, PersonAuthentication current) {
		String expected = this.subjects.forClient(RealmContext.current().realm(), clientId, current.personId());
		return expected.equals(hint.getSubject());
	}

	private JWTClaimsSet verify(String idTokenHint) {
		// An expired ID token is still a fine hint (OpenID Connect RP-Initiated Logout §2).
		return this.verifier.verify(idTokenHint)
			.orElseThrow(() -> error("id_token_hint is not a valid ID token of this realm"));
	}

	private static OAuth2AuthenticationException error(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error("invalid_request", description, null));
	}


}
