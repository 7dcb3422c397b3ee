package vn.haiphong.hpid.admin.people;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.haiphong.hpid.admin.AdminAccess;
import vn.haiphong.hpid.admin.AdminAudit;
import vn.haiphong.hpid.admin.AdminAuthorization;
import vn.haiphong.hpid.admin.AdminPermission;
import vn.haiphong.hpid.admin.AdminPrincipal;
import vn.haiphong.hpid.admin.AdminProblem;
import vn.haiphong.hpid.identity.LinkConflicts;
import vn.haiphong.hpid.identity.LinkConflicts.Conflict;

/**
 * The queue of refused links: a personal ID number someone tried to link that already
 * belongs to another person. An administrator looks at both accounts and records a
 * decision; the numbers stay masked here for everyone.
 */
@RestController
class LinkConflictsController {

	private final AdminAuthorization authorization;

	private final AdminAudit audit;

	private final LinkConflicts conflicts;

	LinkConflictsController(AdminAuthorization authorization, AdminAudit audit, LinkConflicts conflicts) {
		this.authorization = authorization;
		this.audit = audit;
		this.conflicts = conflicts;
	}

	record ResolveRequest(String note) {
	}

	@GetMapping("/admin/api/realms/{realm}/link-conflicts")
	List<Conflict> list(@PathVariable String realm, @RequestParam Optional<String> status,
			@RequestParam Optional<Integer> limit) {
		this.authorization.require(AdminPermission.CONFLICTS_READ, realm);
		String wanted = status.orElse("open").toUpperCase(Locale.ROOT);
		if (!List.of("OPEN", "RESOLVED", "ALL").contains(wanted)) {
			throw AdminProblem.invalid("status", "must be open, resolved or all");
		}
		int max = limit.orElse(100);
		if (max < 1 || max > 1000) {
			throw AdminProblem.invalid("limit", "must be between 1 and 1000");
		}
		return this.conflicts.list(realm, wanted.equals("ALL") ? null : wanted, max);
	}

	@PostMapping("/admin/api/realms/{realm}/link-conflicts/{id}/resolve")
	@AdminAccess(AdminPermission.CONFLICTS_WRITE)
	Conflict resolve(@PathVariable String realm, @PathVariable long id,
			@RequestBody(required = false) ResolveRequest body) {
		AdminPrincipal admin = this.authorization.require(AdminPermission.CONFLICTS_WRITE, realm);
		String note = body == null || body.note() == null ? "" : body.note().strip();
		if (note.isEmpty()) {
			throw AdminProblem.invalid("note", "is required: record the decision taken");
		}
		if (note.length() > 1000) {
			throw AdminProblem.invalid("note", "must be at most 1000 characters");
		}
		Conflict before = this.conflicts.find(realm, id)
			.orElseThrow(() -> AdminProblem.notFound("There is no link conflict " + id + " in the realm " + realm));
		if (!this.conflicts.resolve(realm, id, admin.personId(), note)) {
			throw AdminProblem.conflict("already-resolved", "Already resolved",
					"The link conflict " + id + " was resolved already");
		}
		Conflict after = this.conflicts.find(realm, id).orElseThrow();
		this.audit.record("ADMIN_LINK_CONFLICT_RESOLVE", realm, before.personId(), before, after,
				Map.of("conflict", Long.toString(id)));
		return after;
	}

}
