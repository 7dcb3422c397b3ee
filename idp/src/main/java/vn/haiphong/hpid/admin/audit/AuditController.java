package vn.haiphong.hpid.admin.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.haiphong.hpid.admin.AdminAudit;
import vn.haiphong.hpid.admin.AdminAuthorization;
import vn.haiphong.hpid.admin.AdminPermission;
import vn.haiphong.hpid.admin.AdminProblem;
import vn.haiphong.hpid.admin.AdminProblem.FieldError;
import vn.haiphong.hpid.audit.AuditTrail;
import vn.haiphong.hpid.audit.AuditTrail.Filter;
import vn.haiphong.hpid.audit.AuditTrail.StoredEvent;

/**
 * The audit trail of a realm for auditors and administrators: filter by person, client,
 * event type and time range; export the same selection as JSON lines (one event per
 * line), streamed page by page. An export is itself audited.
 */
@RestController
class AuditController {

	static final int MAX_LIST = 1000;

	static final long MAX_EXPORT = 1_000_000;

	private final AdminAuthorization authorization;

	private final AdminAudit audit;

	private final AuditTrail trail;

	private final JsonMapper json;

	AuditController(AdminAuthorization authorization, AdminAudit audit, AuditTrail trail, JsonMapper json) {
		this.authorization = authorization;
		this.audit = audit;
		this.trail = trail;
		this.json = json;
	}

	/**
	 * One event. {@code person} is whom the event is about: the target, or else the
	 * actor when the actor is a person of the realm (not an administrator).
	 */
	record EventView(long id, Instant time, String type, String outcome, String realm, String actor, String person,
			String client, String ip, String userAgent, Map<String, String> details) {

		static EventView of(StoredEvent event) {
			String person = event.target() != null ? event.target()
					: (event.actor() != null && !event.actor().startsWith("admin:") ? event.actor() : null);
			return new EventView(event.id(), event.at(), event.type(), event.outcome(), event.realm(), event.actor(),
					person, event.clientId(), event.ipAddress(), event.userAgent(), event.details());
		}

	}

	@GetMapping("/admin/api/realms/{realm}/audit")
	List<EventView> events(@PathVariable String realm, @RequestParam Optional<String> person,
			@RequestParam Optional<String> client, @RequestParam Optional<String> type,
			@RequestParam Optional<String> from, @RequestParam Optional<String> to,
			@RequestParam Optional<Integer> limit) {
		this.authorization.require(AdminPermission.AUDIT_READ, realm);
		Filter filter = filter(realm, person, client, type, from, to);
		int max = limit.orElse(100);
		if (max < 1 || max > MAX_LIST) {
			throw AdminProblem.invalid("limit", "must be between 1 and " + MAX_LIST);
		}
		return this.trail.find(filter, max).stream().map(EventView::of).toList();
	}

	@GetMapping("/admin/api/realms/{realm}/audit/export")
	void export(@PathVariable String realm, @RequestParam Optional<String> person,
			@RequestParam Optional<String> client, @RequestParam Optional<String> type,
			@RequestParam Optional<String> from, @RequestParam Optional<String> to,
			@RequestParam Optional<Long> limit, HttpServletResponse response) throws IOException {
		this.authorization.require(AdminPermission.AUDIT_READ, realm);
		Filter filter = filter(realm, person, client, type, from, to);
		long max = limit.orElse(MAX_EXPORT);
		if (max < 1 || max > MAX_EXPORT) {
			throw AdminProblem.invalid("limit", "must be between 1 and " + MAX_EXPORT);
		}
		this.audit.record("ADMIN_AUDIT_EXPORT", realm, null, null, null,
				Map.of("filter", this.json.writeValueAsString(filter), "limit", Long.toString(max)));
		response.setContentType("application/jsonl");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"audit-" + realm + ".jsonl\"");
		OutputStream out = response.getOutputStream();
		this.trail.stream(filter, max, (event) -> {
			try {
				out.write(this.json.writeValueAsString(EventView.of(event)).getBytes(StandardCharsets.UTF_8));
				out.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		out.flush();
	}

	private static Filter filter(String realm, Optional<String> person, Optional<String> client,
			Optional<String> type, Optional<String> from, Optional<String> to) {
		List<FieldError> errors = new ArrayList<>();
		Instant start = instant("from", from, errors);
		Instant end = instant("to", to, errors);
		if (start != null && end != null && !start.isBefore(end)) {
			errors.add(new FieldError("to", "must be after from"));
		}
		if (!errors.isEmpty()) {
			throw AdminProblem.invalid(errors);
		}
		return new Filter(realm, blankToNull(person), blankToNull(client), blankToNull(type), start, end);
	}

	private static Instant instant(String field, Optional<String> value, List<FieldError> errors) {
		if (value.isEmpty() || value.get().isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.get().strip());
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z"));
			return null;
		}
	}

	private static String blankToNull(Optional<String> value) {
		return value.map(String::strip).filter((v) -> !v.isEmpty()).orElse(null);
	}

}
