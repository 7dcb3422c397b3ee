package vn.haiphong.hpid.oidc;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.audit.AuditEvent;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.keys.SigningKeys;
import vn.haiphong.hpid.realm.ClientRegistration;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.security.Hashes;

/**
 * OpenID Connect Back-Channel Logout 1.0: when an SSO session ends, every client that
 * took part in it and registered a {@code backchannelLogoutUri} receives a signed logout
 * token. Deliveries run off the request thread, with short timeouts and a bounded number
 * of attempts; a delivery that finally fails is written to the audit trail.
 */
public final class BackChannelLogout implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);

	private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private final JdbcClient jdbc;

	private final SigningKeys keys;

	private final AuditLog audit;

	private final SubjectIdentifiers subjects;

	private final Clock clock;

	private final int attempts;

	private final Duration firstBackoff;

	private final ExecutorService deliveries = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(10_000), (task, executor) -> log.error("Back-channel logout queue is full"));

	BackChannelLogout(JdbcClient jdbc, SigningKeys keys, AuditLog audit, SubjectIdentifiers subjects, Clock clock,
			int attempts, Duration firstBackoff) {
		this.jdbc = jdbc;
		this.keys = keys;
		this.audit = audit;
		this.subjects = subjects;
		this.clock = clock;
		this.attempts = attempts;
		this.firstBackoff = firstBackoff;
	}

	/** Tells every client of session {@code sid} that it ended. Returns at once. */
	public void sessionEnded(Realm realm, String issuer, String sid) {
		List<Map<String, Object>> participants = this.jdbc
			.sql("select distinct client_id, person_id from oauth_grant where realm = ? and sid = ?")
			.params(realm.name(), sid)
			.query()
			.listOfRows();
		for (Map<String, Object> participant : participants) {
			String clientId = (String) participant.get("client_id");
			String personId = (String) participant.get("person_id");
			realm.client(clientId).flatMap(ClientRegistration::backchannelLogoutUri).ifPresent((uri) -> {
				// The logout token names the person as the client knows them: public or pairwise.
				String token = logoutToken(realm.name(), issuer, clientId,
						this.subjects.forClient(realm, clientId, personId), sid);
				this.deliveries.execute(() -> deliver(realm.name(), clientId, personId, uri, token));
			});
		}
	}

	private String logoutToken(String realm, String issuer, String clientId, String subject, String sid) {
		RSAKey key = this.keys.forRealm(realm).active();
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience(clientId)
			.subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(2))))
			.jwtID(Hashes.randomToken(16))
			.claim("sid", sid)
			.claim("events", Map.of(EVENT, Map.of()))
			.build();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
				.type(new JOSEObjectType("logout+jwt"))
				.build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a logout token", ex);
		}
	}

	private void deliver(String realm, String clientId, String personId, URI uri, String token) {
		String body = "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
		String lastProblem = "";
		Duration backoff = this.firstBackoff;
		for (int attempt = 1; attempt <= this.attempts; attempt++) {
			try {
				HttpResponse<Void> response = Http.CLIENT.send(HttpRequest.newBuilder(uri)
					.timeout(Duration.ofSeconds(3))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("Cache-Control", "no-store")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200 || response.statusCode() == 204) {
					return;
				}
				lastProblem = "HTTP " + response.statusCode();
			}
			catch (java.io.IOException ex) {
				lastProblem = ex.getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (attempt < this.attempts) {
				try {
					Thread.sleep(backoff.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				backoff = backoff.multipliedBy(2);
			}
		}
		log.warn("Back-channel logout to client {} of realm {} failed after {} attempts: {}", clientId, realm,
				this.attempts, lastProblem);
		this.audit.record(AuditEvent.failure("BACKCHANNEL_LOGOUT", realm)
			.client(clientId)
			.target(personId)
			.with(Map.of("uri", uri.toString(), "attempts", Integer.toString(this.attempts), "problem", lastProblem)));
	}

	@Override
	public void close() {
		this.deliveries.shutdown();
	}

	/**
	 * The client, made at the first delivery rather than at start: a JDK HttpClient loads
	 * the TLS stack and the trust store when it is built, about 0.4 s of a one-CPU start
	 * that most nodes spend long before any session ends with back-channel logout.
	 */
	private static final class Http {

		static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	}

}
