package vn.haiphong.hpid.oidc;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import vn.haiphong.hpid.keys.SigningKeys;
import vn.haiphong.hpid.login.PersonAuthentication;
import vn.haiphong.hpid.oidc.GrantStore.Grant;
import vn.haiphong.hpid.oidc.GrantStore.RefreshStatus;
import vn.haiphong.hpid.oidc.GrantStore.RefreshToken;
import vn.haiphong.hpid.security.Hashes;
import vn.haiphong.hpid.store.EphemeralStore;

/**
 * Where the authorization server's state lives, split by lifetime instead of kept as one
 * serialised blob:
 * <ul>
 * <li>authorization codes and pending consents: the ephemeral store, single-use;</li>
 * <li>grants and refresh-token families: the durable store, refresh tokens as hashes,
 * rotated on every use, a replayed rotated token revoking the family;</li>
 * <li>access tokens: nowhere. They are signed JWTs, checked by signature; a person's
 * token is also checked against its durable grant (named in its {@code jti}), and a
 * token revoked on its own has its id listed in the ephemeral store until it
 * expires.</li>
 * </ul>
 * So client-credentials and refresh grants never serialise large objects per request.
 */
final class GrantAuthorizationService implements OAuth2AuthorizationService {

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	/** Access tokens whose signatures are remembered per node (about 2 kB each). */
	private static final int VERIFIED_TOKENS = 4096;

	/**
	 * The attribute that marks an authorization read by its refresh token: the SHA-256 of
	 * the token presented. Saving it again is a refresh grant, so the family is known to
	 * exist and only the rotation is left to write.
	 */
	private static final String PRESENTED_REFRESH_TOKEN = GrantAuthorizationService.class.getName()
			+ ".presentedRefreshToken";

	/** How long used codes are remembered, so a late replay still revokes its tokens. */
	private static final Duration USED_CODE_MEMORY = Duration.ofHours(1);

	private final EphemeralStore ephemeral;

	private final GrantStore grants;

	private final RegisteredClientRepository clients;

	private final RealmTokenVerifier verifier;

	private final JsonMapper json;

	private final Clock clock;

	GrantAuthorizationService(EphemeralStore ephemeral, GrantStore grants, RegisteredClientRepository clients,
			SigningKeys keys, JsonMapper json, Clock clock) {
		this.ephemeral = ephemeral;
		this.grants = grants;
		this.clients = clients;
		this.verifier = new RealmTokenVerifier(keys, new VerifiedTokenCache<>(keys, VERIFIED_TOKENS, clock));
		this.json = json;
		this.clock = clock;
	}

	/** An authorization waiting for its code exchange, or for consent. */
	record Pending(String id, String registeredClientId, String personId, Set<String> scopes, String authorizationUri,
			String clientId, String redirectUri, String state, Map<String, String> parameters, String sid,
			Instant authTime, String acr, List<String> amr, String code, Instant codeIssuedAt, Instant codeExpiresAt,
			String usedByGrant, boolean burned) {
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
		OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
		if (access == null) {
			if (code == null) {
				savePendingConsent(authorization);
			}
			else if (!code.isInvalidated()) {
				savePendingCode(authorization, code.getToken());
			}
			else {
				// A code presented by another client: burn it, nothing was issued.
				updatePendingCode(code.getToken().getTokenValue(), null, true);
			}
			return;
		}
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
			if (access.isInvalidated()) {
				revokeAccessToken(access);
			}
			return;
		}
		if (refresh != null && refresh.isInvalidated()) {
			revokeGrant(authorization.getId(), code != null && code.isInvalidated() && access.isInvalidated()
					? "code-replay" : "revoked");
			return;
		}
		if (access.isInvalidated()) {
			if (code != null && isReplayedCode(code.getToken().getTokenValue())) {
				revokeGrant(authorization.getId(), "code-replay");
			}
			else {
				revokeAccessToken(access);
			}
			return;
		}
		String presented = authorization.getAttribute(PRESENTED_REFRESH_TOKEN);
		if (presented != null) {
			RefreshToken next = refresh == null ? null : refreshRow(authorization.getId(), refresh.getToken());
			if (next != null && !presented.equals(next.hash())) {
				requireRotated(authorization.getId(), this.grants.rotate(authorization.getId(), presented, next));
			}
			return;
		}
		Optional<Grant> existing = this.grants.find(authorization.getId());
		if (existing.isEmpty()) {
			createGrant(authorization, refresh);
			if (code != null) {
				updatePendingCode(code.getToken().getTokenValue(), authorization.getId(), false);
			}
		}
		else if (refresh != null && this.grants.findFamily(Hashes.sha256(refresh.getToken().getTokenValue())).isEmpty()) {
			requireRotated(authorization.getId(),
					this.grants.rotate(authorization.getId(), refreshRow(authorization.getId(), refresh.getToken())));
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		if (code != null) {
			this.ephemeral.delete(codeKey(code.getToken().getTokenValue()));
		}
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		if (state != null) {
			this.ephemeral.delete(stateKey(state));
		}
		if (authorization.getAccessToken() != null) {
			revokeGrant(authorization.getId(), "removed");
		}
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return this.grants.find(id).filter((grant) -> !grant.revoked()).map((grant) -> fromGrant(grant, null, null))
			.orElse(null);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		if (token == null || token.isEmpty() || token.length() > 8192) {
			return null;
		}
		if (tokenType == null) {
			return looksLikeJwt(token) ? fromAccessToken(token) : fromRefreshToken(token);
		}
		if (CODE.equals(tokenType)) {
			return fromCode(token);
		}
		if (STATE.equals(tokenType)) {
			return this.ephemeral.get(stateKey(token)).map(this::readPending).map((p) -> fromPending(p, false))
				.orElse(null);
		}
		if (OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
			return fromAccessToken(token);
		}
		if (OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
			return fromRefreshToken(token);
		}
		return null;
	}

	// ----- codes and consent -----

	private void savePendingCode(OAuth2Authorization authorization, OAuth2AuthorizationCode code) {
		Pending pending = pending(authorization, code);
		Duration ttl = Duration.between(this.clock.instant(), code.getExpiresAt());
		this.ephemeral.put(codeKey(code.getTokenValue()), this.json.writeValueAsString(pending),
				ttl.isNegative() ? Duration.ofSeconds(1) : ttl);
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		if (state != null) {
			this.ephemeral.delete(stateKey(state));
		}
	}

	private void savePendingConsent(OAuth2Authorization authorization) {
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		if (state == null) {
			return;
		}
		this.ephemeral.put(stateKey(state), this.json.writeValueAsString(pending(authorization, null)),
				Duration.ofMinutes(10));
	}

	private void updatePendingCode(String code, String grantId, boolean burned) {
		String key = codeKey(code);
		this.ephemeral.get(key).map(this::readPending).ifPresent((p) -> {
			Pending used = new Pending(p.id(), p.registeredClientId(), p.personId(), p.scopes(), p.authorizationUri(),
					p.clientId(), p.redirectUri(), p.state(), p.parameters(), p.sid(), p.authTime(), p.acr(), p.amr(),
					p.code(), p.codeIssuedAt(), p.codeExpiresAt(), grantId, burned);
			this.ephemeral.put(key, this.json.writeValueAsString(used), USED_CODE_MEMORY);
		});
	}

	private boolean isReplayedCode(String code) {
		return this.ephemeral.get(codeKey(code)).map(this::readPending).map((p) -> p.usedByGrant() != null)
			.orElse(false);
	}

	private OAuth2Authorization fromCode(String code) {
		Optional<Pending> found = this.ephemeral.get(codeKey(code)).map(this::readPending);
		if (found.isEmpty()) {
			return null;
		}
		Pending pending = found.get();
		if (pending.usedByGrant() == null) {
			return fromPending(pending, pending.burned());
		}
		// A replay: hand back the grant with the code spent, so the server revokes its tokens.
		return this.grants.find(pending.usedByGrant()).map((grant) -> fromGrant(grant, pending, null)).orElse(null);
	}

	private Pending pending(OAuth2Authorization authorization, OAuth2AuthorizationCode code) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		PersonAuthentication person = authorization.getAttribute(Principal.class.getName());
		Map<String, String> parameters = new HashMap<>();
		request.getAdditionalParameters().forEach((name, value) -> {
			if (value instanceof String text) {
				parameters.put(name, text);
			}
		});
		return new Pending(authorization.getId(), authorization.getRegisteredClientId(), person.personId(),
				authorization.getAuthorizedScopes().isEmpty() ? request.getScopes() : authorization.getAuthorizedScopes(),
				request.getAuthorizationUri(), request.getClientId(), request.getRedirectUri(), request.getState(),
				parameters, person.sid(), person.authTime(), person.acr(), person.amr(),
				code == null ? null : code.getTokenValue(), code == null ? null : code.getIssuedAt(),
				code == null ? null : code.getExpiresAt(), null, false);
	}

	private OAuth2Authorization fromPending(Pending pending, boolean codeInvalidated) {
		RegisteredClient client = this.clients.findById(pending.registeredClientId());
		if (client == null) {
			return null;
		}
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(pending.id())
			.principalName(pending.personId())
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(Principal.class.getName(), principal(pending.personId(), pending.authTime(), pending.acr(),
					pending.amr(), pending.sid()))
			.attribute(OAuth2AuthorizationRequest.class.getName(), request(pending));
		if (pending.code() != null) {
			builder.authorizedScopes(pending.scopes());
			builder.token(new OAuth2AuthorizationCode(pending.code(), pending.codeIssuedAt(), pending.codeExpiresAt()),
					(metadata) -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, codeInvalidated));
		}
		else {
			builder.attribute(OAuth2ParameterNames.STATE, pending.state());
		}
		return builder.build();
	}

	private static OAuth2AuthorizationRequest request(Pending pending) {
		Map<String, Object> parameters = new HashMap<>(pending.parameters());
		return OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(pending.authorizationUri())
			.clientId(pending.clientId())
			.redirectUri(pending.redirectUri())
			.scopes(pending.scopes())
			.state(pending.state())
			.additionalParameters(parameters)
			.build();
	}

	// ----- grants and refresh tokens -----

	private void createGrant(OAuth2Authorization authorization, OAuth2Authorization.Token<OAuth2RefreshToken> refresh) {
		PersonAuthentication person = authorization.getAttribute(Principal.class.getName());
		RealmContext context = RealmContext.current();
		Instant now = this.clock.instant();
		Instant expiresAt = (refresh != null && refresh.getToken().getExpiresAt() != null)
				? refresh.getToken().getExpiresAt() : now.plus(context.realm().tokens().refreshTokenLifetime());
		Grant grant = new Grant(authorization.getId(), context.realm().name(),
				this.clients.findById(authorization.getRegisteredClientId()).getClientId(), person.personId(),
				authorization.getAuthorizedScopes(), person.sid(), person.authTime(), person.acr(), person.amr(), now,
				expiresAt, null);
		this.grants.create(grant, refresh == null ? null : refreshRow(authorization.getId(), refresh.getToken()));
	}

	private void requireRotated(String grantId, boolean rotated) {
		if (!rotated) {
			// The same refresh token was used twice at once: a replay by definition
			// (RFC 9700 §4.14.2). Revoke the family and answer invalid_grant.
			revokeGrant(grantId, "refresh-token-replay");
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		}
	}

	private RefreshToken refreshRow(String grantId, OAuth2RefreshToken token) {
		return new RefreshToken(Hashes.sha256(token.getTokenValue()), grantId, RefreshStatus.ACTIVE,
				token.getIssuedAt(), token.getExpiresAt());
	}

	private OAuth2Authorization fromRefreshToken(String token) {
		Optional<GrantStore.Family> found = this.grants.findFamily(Hashes.sha256(token));
		if (found.isEmpty()) {
			return null;
		}
		RefreshToken refresh = found.get().token();
		if (refresh.status() == RefreshStatus.ROTATED) {
			// RFC 9700 §4.14.2: a rotated token came back, so one of its holders is not
			// the client. Revoke the whole family; both copies stop working.
			revokeGrant(refresh.grantId(), "refresh-token-replay");
			return null;
		}
		if (refresh.status() == RefreshStatus.REVOKED) {
			return null;
		}
		Grant grant = found.get().grant();
		if (grant.revoked() || !grant.realm().equals(RealmContext.current().realm().name())) {
			return null;
		}
		return fromGrant(grant, null, new OAuth2RefreshToken(token, refresh.issuedAt(), refresh.expiresAt()));
	}

	private OAuth2Authorization fromGrant(Grant grant, Pending usedCode, OAuth2RefreshToken refreshToken) {
		RegisteredClient client = this.clients.findById(RealmClients.id(grant.realm(), grant.clientId()));
		if (client == null) {
			return null;
		}
		PersonAuthentication principal = principal(grant.personId(), grant.authTime(), grant.acr(), grant.amr(),
				grant.sid());
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(usedCode != null ? usedCode.authorizationUri() : "urn:hpid:grant")
			.clientId(grant.clientId())
			.redirectUri(usedCode != null ? usedCode.redirectUri() : null)
			.scopes(grant.scopes())
			.additionalParameters(usedCode != null ? new HashMap<>(usedCode.parameters()) : Map.of())
			.build();
		Instant now = this.clock.instant();
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(grant.id())
			.principalName(grant.personId())
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(grant.scopes())
			.attribute(Principal.class.getName(), principal)
			.attribute(OAuth2AuthorizationRequest.class.getName(), request);
		if (usedCode != null) {
			builder.token(new OAuth2AuthorizationCode(usedCode.code(), usedCode.codeIssuedAt(),
					usedCode.codeExpiresAt()),
					(metadata) -> metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true));
			builder.refreshToken(new OAuth2RefreshToken("issued:" + grant.id(), grant.createdAt(), grant.expiresAt()));
		}
		// A stand-in for the access tokens issued, whose values are not kept: the server
		// invalidates it with the refresh token, and that revokes the grant.
		builder.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "issued:" + grant.id(),
				grant.createdAt(), grant.expiresAt(), grant.scopes()));
		if (refreshToken != null) {
			builder.refreshToken(refreshToken);
			builder.attribute(PRESENTED_REFRESH_TOKEN, Hashes.sha256(refreshToken.getTokenValue()));
		}
		if (grant.scopes().contains("openid")) {
			// The refresh grant copies sid and auth_time from the previous ID token.
			Map<String, Object> claims = new HashMap<>();
			claims.put("sub", grant.personId());
			claims.put("auth_time", grant.authTime());
			if (grant.sid() != null) {
				claims.put("sid", grant.sid());
			}
			builder.token(new OidcIdToken("issued:" + grant.id(), grant.authTime(), now.plusSeconds(60), claims),
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims));
		}
		return builder.build();
	}

	/**
	 * Revokes a family in the durable store only: every access token names its grant in
	 * its {@code jti}, and that grant is read at each check anyway.
	 */
	private void revokeGrant(String grantId, String reason) {
		this.grants.revoke(grantId, reason, this.clock.instant());
	}

	/** Revokes one access token: its {@code jti} is listed until the token expires. */
	private void revokeAccessToken(OAuth2Authorization.Token<OAuth2AccessToken> token) {
		// The claims were read when the token was verified; stand-ins for spent codes have none.
		Object jti = token.getClaims() == null ? null : token.getClaims().get("jti");
		Instant expiresAt = token.getToken().getExpiresAt();
		if (jti == null || expiresAt == null) {
			return;
		}
		Duration ttl = Duration.between(this.clock.instant(), expiresAt).plusSeconds(5);
		if (!ttl.isNegative() && !ttl.isZero()) {
			this.ephemeral.put(AccessTokens.revokedJtiKey(jti.toString()), "revoked", ttl);
		}
	}

	// ----- access tokens -----

	private OAuth2Authorization fromAccessToken(String token) {
		RealmContext context = RealmContext.current();
		Optional<JWTClaimsSet> verified = verifiedBearer(token, context).or(() -> this.verifier.verify(token));
		if (verified.isEmpty()) {
			return null;
		}
		JWTClaimsSet claims = verified.get();
		if (claims.getExpirationTime() == null || claims.getIssueTime() == null || claims.getJWTID() == null) {
			return null;
		}
		String jti = claims.getJWTID();
		if (this.ephemeral.get(AccessTokens.revokedJtiKey(jti)).isPresent()) {
			return null;
		}
		Optional<String> grantId = AccessTokens.grantIdOf(jti);
		Optional<Grant> grant = grantId.flatMap(this.grants::find);
		if (grantId.isPresent() && grant.map(Grant::revoked).orElse(true)) {
			// The durable grant is the only record of a family's revocation: it survives
			// restarts and needs no second copy in the ephemeral store.
			return null;
		}
		// A person's token names them by the sub of its client, which may be pairwise and
		// cannot be turned back into a person id; the grant says who it is.
		String principalName = grant.map(Grant::personId).orElse(claims.getSubject());
		Object clientId = claims.getClaim("client_id");
		RegisteredClient client = clientId == null ? null
				: this.clients.findById(RealmClients.id(context.realm().name(), clientId.toString()));
		if (client == null) {
			return null;
		}
		Set<String> scopes = new LinkedHashSet<>();
		Object scope = claims.getClaim("scope");
		if (scope instanceof String text && !text.isBlank()) {
			scopes.addAll(List.of(text.split(" ")));
		}
		Map<String, Object> claimMap = new HashMap<>(claims.getClaims());
		// The introspection response wants epoch instants, nimbus gives Dates.
		claimMap.replaceAll((name, value) -> value instanceof java.util.Date date ? date.toInstant() : value);
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token,
				claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant(), scopes);
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(grantId.orElse(jti))
			.principalName(principalName)
			.authorizationGrantType(grantId.isPresent() ? AuthorizationGrantType.AUTHORIZATION_CODE
					: AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(scopes)
			.token(accessToken, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claimMap));
		if (grantId.isPresent()) {
			Instant authTime = claimMap.get("auth_time") instanceof Number n ? Instant.ofEpochSecond(n.longValue())
					: accessToken.getIssuedAt();
			PersonAuthentication principal = principal(principalName, authTime, (String) claimMap.get("acr"),
					List.of(), (String) claimMap.get("sid"));
			builder.attribute(Principal.class.getName(), principal);
			Map<String, Object> idClaims = Map.of("sub", claims.getSubject());
			// Userinfo needs an ID token in the authorization; only its subject is read.
			builder.token(new OidcIdToken("issued:" + jti, accessToken.getIssuedAt(), accessToken.getExpiresAt(),
					idClaims), (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idClaims));
		}
		return builder.build();
	}

	/**
	 * The claims of the bearer token this request was authenticated with, when it is the
	 * token asked about. At userinfo the resource server's decoder has just verified its
	 * signature with the realm's keys, its type (at+jwt) and its times; verifying the
	 * signature a second time would only cost an RSA operation. Its issuer is checked here,
	 * as {@link RealmTokenVerifier} would; revocation is checked by the caller as for any
	 * token.
	 */
	private static Optional<JWTClaimsSet> verifiedBearer(String token, RealmContext context) {
		if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken bearer)
				|| !bearer.getToken().getTokenValue().equals(token)) {
			return Optional.empty();
		}
		Map<String, Object> claims = bearer.getToken().getClaims();
		if (!context.issuer().equals(String.valueOf(claims.get("iss")))) {
			return Optional.empty();
		}
		// Spring keeps times as Instants (and the issuer as a URL or a string); nimbus wants
		// Dates and a string.
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		claims.forEach((name, value) -> builder.claim(name, (value instanceof Instant instant) ? Date.from(instant)
				: "iss".equals(name) ? value.toString() : value));
		return Optional.of(builder.build());
	}

	private PersonAuthentication principal(String personId, Instant authTime, String acr, List<String> amr,
			String sid) {
		return new PersonAuthentication(RealmContext.current().realm().name(), personId, authTime, acr,
				amr == null ? List.of() : amr, sid);
	}

	private Pending readPending(String value) {
		return this.json.readValue(value, Pending.class);
	}

	private static boolean looksLikeJwt(String token) {
		int first = token.indexOf('.');
		return first > 0 && token.indexOf('.', first + 1) > first && token.startsWith("eyJ");
	}

	private static String codeKey(String code) {
		return "code:" + Hashes.sha256(code);
	}

	private static String stateKey(String state) {
		return "consent:" + Hashes.sha256(state);
	}

}
