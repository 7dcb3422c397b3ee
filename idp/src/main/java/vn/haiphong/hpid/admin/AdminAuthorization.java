package vn.haiphong.hpid.admin;

import java.util.Map;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import vn.haiphong.hpid.audit.AuditEvent;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * Decides whether the administrator of the current API request may do something in a
 * realm. Their roles are read once per request from the database, so a role taken away
 * applies to the very next request, however long their token still lives.
 */
public class AdminAuthorization {

	private static final String PRINCIPAL_ATTRIBUTE = AdminAuthorization.class.getName() + ".principal";

	private final AdminRoles roles;

	private final PersonStore people;

	private final RealmRegistry realms;

	private final AuditLog audit;

	public AdminAuthorization(AdminRoles roles, PersonStore people, RealmRegistry realms, AuditLog audit) {
		this.roles = roles;
		this.people = people;
		this.realms = realms;
		this.audit = audit;
	}

	/**
	 * The administrator, if they may do {@code permission} in {@code realm} (null: in
	 * every realm). 401 without a valid admin token, 404 for a realm that does not exist,
	 * 403 otherwise.
	 */
	public AdminPrincipal require(AdminPermission permission, String realm) {
		AdminPrincipal principal = current();
		if (realm != null && this.realms.find(realm).isEmpty()) {
			throw AdminProblem.notFound("There is no realm " + realm);
		}
		if (!principal.allows(permission, realm)) {
			// Refusals are security events: someone probing beyond their roles shows here.
			AuditEvent denied = AuditEvent.failure("ADMIN_ACCESS_DENIED", realm)
				.actor("admin:" + principal.personId())
				.with(Map.of("permission", permission.name()));
			this.audit.record(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
					? AuditLog.from(denied, servlet.getRequest()) : denied);
			throw AdminProblem.forbidden(realm == null ? "Your roles do not allow this"
					: "Your roles do not allow this in the realm " + realm);
		}
		return principal;
	}

	public boolean allows(AdminPermission permission, String realm) {
		return currentIfAny().map((p) -> p.allows(permission, realm)).orElse(false);
	}

	/** The authenticated administrator, whatever their roles; 401 when there is none. */
	public AdminPrincipal current() {
		return currentIfAny().orElseThrow(() -> AdminProblem
			.unauthenticated("Send an access token of the realm admin: Authorization: Bearer <token>"));
	}

	private Optional<AdminPrincipal> currentIfAny() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && request.getAttribute(PRINCIPAL_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST) instanceof AdminPrincipal cached) {
			return Optional.of(cached);
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof AdminAuthentication admin)) {
			return Optional.empty();
		}
		String personId = admin.token().subject();
		Optional<Person> person = this.people.findById(AdminRoles.ADMIN_REALM, personId).filter(Person::active);
		if (person.isEmpty()) {
			// Disabled or deleted since the token was issued.
			return Optional.empty();
		}
		AdminPrincipal principal = new AdminPrincipal(personId,
				person.get().displayName().or(() -> person.get().email()).orElse(personId), this.roles.of(personId));
		if (request != null) {
			request.setAttribute(PRINCIPAL_ATTRIBUTE, principal, RequestAttributes.SCOPE_REQUEST);
		}
		return Optional.of(principal);
	}

}
