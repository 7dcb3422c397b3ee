package vn.haiphong.hpid.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The append-only audit trail (Decree 53/2022: sign-ins with their IP addresses;
 * TCVN 11930: security events). Writing an entry never fails the action it records: an
 * entry that cannot be written is logged instead.
 */
public class AuditLog {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final List<AuditEventListener> listeners;

	public AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock, List<AuditEventListener> listeners) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.listeners = List.copyOf(listeners);
	}

	public void record(AuditEvent event) {
		try {
			this.jdbc.sql("""
					insert into audit_event (at, realm, type, outcome, actor, client_id, target, ip_address,
					    user_agent, details)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(Timestamp.from(this.clock.instant()), event.realm(), event.type(), event.outcome(),
						clip(event.actor(), 200), clip(event.clientId(), 64), clip(event.target(), 200),
						clip(event.ipAddress(), 64), clip(event.userAgent(), 400),
						event.details().isEmpty() ? null : clip(this.json.writeValueAsString(event.details()), 4000))
				.update();
		}
		catch (RuntimeException ex) {
			log.error("Could not write the audit event {} {} of realm {}: {}", event.type(), event.outcome(),
					event.realm(), ex.getMessage());
		}
		for (AuditEventListener listener : this.listeners) {
			try {
				listener.onEvent(event);
			}
			catch (RuntimeException ex) {
				log.warn("Audit listener {} failed on {}: {}", listener.getClass().getSimpleName(), event.type(),
						ex.getMessage());
			}
		}
	}

	/**
	 * Deletes entries older than the retention period (Decree 53/2022 asks for at least 24
	 * months once requested); returns how many went.
	 */
	public int purgeOlderThan(Duration retention) {
		return this.jdbc.sql("delete from audit_event where at < ?")
			.param(Timestamp.from(this.clock.instant().minus(retention)))
			.update();
	}

	/** The request's client address and user agent, for entries about people. */
	public static AuditEvent from(AuditEvent event, HttpServletRequest request) {
		return event.from(request.getRemoteAddr(), request.getHeader("User-Agent"));
	}

	public long count(String realm, String type, String outcome) {
		return this.jdbc.sql("select count(*) from audit_event where realm = ? and type = ? and outcome = ?")
			.params(realm, type, outcome)
			.query(Long.class)
			.single();
	}

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
