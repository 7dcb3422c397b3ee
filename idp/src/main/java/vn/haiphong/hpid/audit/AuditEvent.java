package vn.haiphong.hpid.audit;

import java.util.Map;

/**
 * One entry of the audit trail. Personal data stays minimal: people are named by their
 * id ({@code sub}), never by password, token or code.
 *
 * @param type what happened, e.g. {@code LOGIN}, {@code LOGOUT}
 * @param outcome {@code SUCCESS} or {@code FAILURE}
 * @param actor who acted: a person id, a client id, an operator
 * @param target what the action was about
 * @param details further facts, secrets never among them
 */
public record AuditEvent(String type, String outcome, String realm, String actor, String clientId, String target,
		String ipAddress, String userAgent, Map<String, String> details) {

	public AuditEvent {
		details = details == null ? Map.of() : Map.copyOf(details);
	}

	public static AuditEvent success(String type, String realm) {
		return new AuditEvent(type, "SUCCESS", realm, null, null, null, null, null, Map.of());
	}

	public static AuditEvent failure(String type, String realm) {
		return new AuditEvent(type, "FAILURE", realm, null, null, null, null, null, Map.of());
	}

	public AuditEvent actor(String value) {
		return new AuditEvent(this.type, this.outcome, this.realm, value, this.clientId, this.target, this.ipAddress,
				this.userAgent, this.details);
	}

	public AuditEvent client(String value) {
		return new AuditEvent(this.type, this.outcome, this.realm, this.actor, value, this.target, this.ipAddress,
				this.userAgent, this.details);
	}

	public AuditEvent target(String value) {
		return new AuditEvent(this.type, this.outcome, this.realm, this.actor, this.clientId, value, this.ipAddress,
				this.userAgent, this.details);
	}

	public AuditEvent from(String ip, String agent) {
		return new AuditEvent(this.type, this.outcome, this.realm, this.actor, this.clientId, this.target, ip, agent,
				this.details);
	}

	public AuditEvent with(Map<String, String> more) {
		java.util.Map<String, String> all = new java.util.LinkedHashMap<>(this.details);
		all.putAll(more);
		return new AuditEvent(this.type, this.outcome, this.realm, this.actor, this.clientId, this.target,
				this.ipAddress, this.userAgent, all);
	}

}
