package vn.haiphong.hpid.admin;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import vn.haiphong.hpid.audit.AuditEvent;
import vn.haiphong.hpid.audit.AuditLog;

/**
 * Records every administrator's write in the audit trail: who (the administrator's id in
 * the realm {@code admin}), what ({@code type}), on what ({@code target}), in which realm,
 * from where, and the object before and after. Secrets in the before/after are replaced
 * by {@code "[redacted]"} whatever the object, so a new endpoint cannot leak one by
 * forgetting to.
 */
public class AdminAudit {

	static final String REDACTED = "[redacted]";

	/** Field names (lower case, without separators) whose values never reach the trail. */
	private static final Set<String> SECRET_FIELDS = Set.of("secret", "clientsecret", "password", "passwordhash",
			"token", "accesstoken", "refreshtoken", "privatekey", "privatejwk", "secretencrypted", "otpsecret", "code");

	private final AuditLog log;

	private final AdminAuthorization authorization;

	private final JsonMapper json;

	public AdminAudit(AuditLog log, AdminAuthorization authorization, JsonMapper json) {
		this.log = log;
		this.authorization = authorization;
		this.json = json;
	}

	/**
	 * Records a successful write by the current administrator.
	 * @param type what was done, e.g. {@code ADMIN_PERSON_DISABLE}
	 * @param before the object before the change (null when created)
	 * @param after the object after it (null when deleted)
	 * @param details further facts, such as the reason given
	 */
	public void record(String type, String realm, String target, Object before, Object after,
			Map<String, String> details) {
		write(AuditEvent.success(type, realm).target(target), before, after, details);
	}

	/** Records a write by the current administrator about a client: the client column is set. */
	public void recordForClient(String type, String realm, String clientId, Object before, Object after,
			Map<String, String> details) {
		write(AuditEvent.success(type, realm).client(clientId).target(clientId), before, after, details);
	}

	private void write(AuditEvent event, Object before, Object after, Map<String, String> details) {
		Map<String, String> all = new LinkedHashMap<>();
		if (before != null) {
			all.put("before", this.json.writeValueAsString(redact(this.json.valueToTree(before))));
		}
		if (after != null) {
			all.put("after", this.json.writeValueAsString(redact(this.json.valueToTree(after))));
		}
		if (details != null) {
			details.forEach((name, value) -> all.put(name, isSecret(name) ? REDACTED : value));
		}
		AuditEvent complete = event.actor(actor()).with(all);
		HttpServletRequest request = currentRequest();
		this.log.record(request == null ? complete : AuditLog.from(complete, request));
	}

	private String actor() {
		return "admin:" + this.authorization.current().personId();
	}

	static JsonNode redact(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (String name : Set.copyOf(object.propertyNames())) {
				if (isSecret(name) && !object.get(name).isNull() && !object.get(name).isBoolean()) {
					object.put(name, REDACTED);
				}
				else {
					redact(object.get(name));
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(AdminAudit::redact);
		}
		return node;
	}

	static boolean isSecret(String name) {
		return SECRET_FIELDS.contains(name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
	}

	private static HttpServletRequest currentRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest() : null;
	}

}
