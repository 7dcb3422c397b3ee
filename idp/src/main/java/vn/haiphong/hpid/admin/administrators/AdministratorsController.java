package vn.haiphong.hpid.admin.administrators;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import vn.haiphong.hpid.account.PasswordHasher;
import vn.haiphong.hpid.account.PasswordPolicy;
import vn.haiphong.hpid.account.PasswordProblem;
import vn.haiphong.hpid.admin.AdminAccess;
import vn.haiphong.hpid.admin.AdminAudit;
import vn.haiphong.hpid.admin.AdminAuthorization;
import vn.haiphong.hpid.admin.AdminPermission;
import vn.haiphong.hpid.admin.AdminPrincipal;
import vn.haiphong.hpid.admin.AdminPrincipal.Assignment;
import vn.haiphong.hpid.admin.AdminProblem;
import vn.haiphong.hpid.admin.AdminProblem.FieldError;
import vn.haiphong.hpid.admin.AdminRole;
import vn.haiphong.hpid.admin.AdminRoles;
import vn.haiphong.hpid.person.LoginIdentifiers;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * Administrators and their roles (super-admin only: {@link AdminPermission#ROLES_WRITE}).
 * An administrator is a person of the realm {@code admin}, created here with a first
 * password that a super-admin hands over out of band; they enrol their one-time code at
 * their first sign-in, as the realm requires.
 */
@RestController
class AdministratorsController {

	private final AdminAuthorization authorization;

	private final AdminAudit audit;

	private final AdminRoles roles;

	private final PersonStore people;

	private final PasswordHasher hasher;

	private final PasswordPolicy policy;

	private final RealmRegistry realms;

	AdministratorsController(AdminAuthorization authorization, AdminAudit audit, AdminRoles roles, PersonStore people,
			PasswordHasher hasher, PasswordPolicy policy, RealmRegistry realms) {
		this.authorization = authorization;
		this.audit = audit;
		this.roles = roles;
		this.people = people;
		this.hasher = hasher;
		this.policy = policy;
		this.realms = realms;
	}

	record AdministratorView(String id, String email, String displayName, String status, List<Assignment> roles) {
	}

	record NewAdministrator(String email, String displayName, String password, List<Assignment> roles) {
	}

	record RolesRequest(List<Assignment> roles) {
	}

	@GetMapping("/admin/api/administrators")
	List<AdministratorView> list() {
		this.authorization.require(AdminPermission.ROLES_WRITE, null);
		List<AdministratorView> views = new ArrayList<>();
		this.roles.all().forEach((id, assignments) -> this.people.findById(AdminRoles.ADMIN_REALM, id)
			.ifPresent((person) -> views.add(view(person, assignments))));
		return views;
	}

	@PostMapping("/admin/api/administrators")
	@AdminAccess(AdminPermission.ROLES_WRITE)
	ResponseEntity<AdministratorView> create(@RequestBody(required = false) NewAdministrator body) {
		this.authorization.require(AdminPermission.ROLES_WRITE, null);
		if (body == null) {
			throw AdminProblem.invalid("$", "a JSON object with email, displayName, password and roles is required");
		}
		List<FieldError> errors = new ArrayList<>();
		Optional<String> email = body.email() == null ? Optional.empty() : LoginIdentifiers.normalizeEmail(body.email());
		if (email.isEmpty()) {
			errors.add(new FieldError("email", "must be an e-mail address"));
		}
		if (body.displayName() != null && body.displayName().length() > 200) {
			errors.add(new FieldError("displayName", "must be at most 200 characters"));
		}
		Realm admin = this.realms.find(AdminRoles.ADMIN_REALM).orElseThrow();
		if (body.password() == null) {
			errors.add(new FieldError("password", "is required"));
		}
		else {
			for (PasswordProblem problem : this.policy.check(body.password(), admin.passwordPolicy(),
					email.map(List::of).orElse(List.of()))) {
				errors.add(new FieldError("password", reason(problem, admin)));
			}
		}
		List<Assignment> assignments = checkRoles(body.roles(), errors);
		if (!errors.isEmpty()) {
			throw AdminProblem.invalid(errors);
		}
		Person person;
		try {
			person = this.people.create(AdminRoles.ADMIN_REALM, email, Optional.empty(),
					Optional.ofNullable(body.displayName()).map(String::strip).filter((n) -> !n.isEmpty()),
					this.hasher.hash(body.password()));
		}
		catch (PersonStore.AlreadyRegisteredException ex) {
			throw AdminProblem.conflict("already-exists", "Already exists",
					"An administrator with this e-mail address exists");
		}
		AdminPrincipal actor = this.authorization.current();
		this.roles.replace(person.id(), assignments, "admin:" + actor.personId());
		AdministratorView created = view(person, this.roles.of(person.id()));
		this.audit.record("ADMIN_ADMINISTRATOR_CREATE", AdminRoles.ADMIN_REALM, person.id(), null, created, Map.of());
		return ResponseEntity.created(URI.create("/admin/api/administrators/" + person.id())).body(created);
	}

	@PutMapping("/admin/api/administrators/{id}/roles")
	@AdminAccess(AdminPermission.ROLES_WRITE)
	AdministratorView replaceRoles(@PathVariable String id, @RequestBody(required = false) RolesRequest body) {
		AdminPrincipal actor = this.authorization.require(AdminPermission.ROLES_WRITE, null);
		List<FieldError> errors = new ArrayList<>();
		List<Assignment> assignments = checkRoles(body == null ? null : body.roles(), errors);
		if (!errors.isEmpty()) {
			throw AdminProblem.invalid(errors);
		}
		Person person = this.people.findById(AdminRoles.ADMIN_REALM, id)
			.orElseThrow(() -> AdminProblem.notFound("There is no administrator " + id));
		List<Assignment> before = this.roles.of(id);
		boolean wasSuper = before.contains(new Assignment(AdminRole.SUPER_ADMIN.value(), null));
		boolean staysSuper = assignments.contains(new Assignment(AdminRole.SUPER_ADMIN.value(), null));
		if (wasSuper && !staysSuper && this.roles.superAdminCount() <= 1) {
			throw AdminProblem.conflict("last-super-admin", "Last super-admin",
					"This is the only super-admin; make someone else super-admin first");
		}
		this.roles.replace(id, assignments, "admin:" + actor.personId());
		AdministratorView after = view(person, this.roles.of(id));
		this.audit.record("ADMIN_ROLES_CHANGE", AdminRoles.ADMIN_REALM, id, view(person, before), after, Map.of());
		return after;
	}

	/** The roles as given, each checked: a known role, and a realm that exists where one is needed. */
	private List<Assignment> checkRoles(List<Assignment> requested, List<FieldError> errors) {
		if (requested == null) {
			errors.add(new FieldError("roles", "is required (it may be empty)"));
			return List.of();
		}
		List<Assignment> valid = new ArrayList<>();
		for (int i = 0; i < requested.size(); i++) {
			Assignment assignment = requested.get(i);
			String path = "roles[" + i + "]";
			Optional<AdminRole> role = assignment == null ? Optional.empty() : AdminRole.of(assignment.role());
			if (role.isEmpty()) {
				errors.add(new FieldError(path + ".role",
						"must be super-admin, realm-admin, helpdesk, auditor or personal-id-viewer"));
				continue;
			}
			String realm = assignment.realm();
			if (role.get() == AdminRole.SUPER_ADMIN && realm != null) {
				errors.add(new FieldError(path + ".realm", "must be null: super-admin covers every realm"));
			}
			else if (realm == null && role.get() != AdminRole.SUPER_ADMIN && role.get() != AdminRole.AUDITOR) {
				errors.add(new FieldError(path + ".realm", "is required for " + role.get().value()));
			}
			else if (realm != null && this.realms.find(realm).isEmpty()) {
				errors.add(new FieldError(path + ".realm", "there is no realm " + realm));
			}
			else if (!valid.contains(assignment)) {
				valid.add(assignment);
			}
		}
		return valid;
	}

	private static String reason(PasswordProblem problem, Realm realm) {
		return switch (problem) {
			case TOO_SHORT -> "must have at least " + realm.passwordPolicy().minLength() + " characters";
			case TOO_LONG -> "must have at most " + realm.passwordPolicy().maxLength() + " characters";
			case TOO_COMMON -> "is too common";
			case CONTAINS_ACCOUNT_NAME -> "must not contain the e-mail address";
		};
	}

	private static AdministratorView view(Person person, List<Assignment> roles) {
		return new AdministratorView(person.id(), person.email().orElse(null), person.displayName().orElse(null),
				person.status().name(), roles);
	}

}
