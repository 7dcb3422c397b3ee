package vn.haiphong.hpid.admin;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static vn.haiphong.hpid.admin.AdminPermission.*;

/**
 * The administrator roles (docs/admin-guide.md). Each is granted over one realm, or over
 * every realm when its realm is null (always so for super-admin).
 */
public enum AdminRole {

	/** Everything, in every realm. */
	SUPER_ADMIN("super-admin", EnumSet.allOf(AdminPermission.class)),

	/** Everything in one realm except granting administrator roles. */
	REALM_ADMIN("realm-admin", EnumSet.complementOf(EnumSet.of(ROLES_WRITE))),

	/** Finds and helps people: view (numbers masked), sessions, unlock, force sign-out. */
	HELPDESK("helpdesk", EnumSet.of(REALMS_READ, PEOPLE_READ, PEOPLE_SUPPORT)),

	/** Reads (and exports) the audit trail; writes nothing. */
	AUDITOR("auditor", EnumSet.of(REALMS_READ, AUDIT_READ)),

	/** Add-on: personal ID numbers unmasked wherever the holder may already see people. */
	PERSONAL_ID_VIEWER("personal-id-viewer", EnumSet.of(NATIONAL_ID_UNMASKED));

	private final String value;

	private final Set<AdminPermission> permissions;

	AdminRole(String value, Set<AdminPermission> permissions) {
		this.value = value;
		this.permissions = Set.copyOf(permissions);
	}

	/** The name used in the API and the database, e.g. {@code realm-admin}. */
	public String value() {
		return this.value;
	}

	public boolean grants(AdminPermission permission) {
		return this.permissions.contains(permission);
	}

	public static Optional<AdminRole> of(String value) {
		for (AdminRole role : values()) {
			if (role.value.equals(value)) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

}
