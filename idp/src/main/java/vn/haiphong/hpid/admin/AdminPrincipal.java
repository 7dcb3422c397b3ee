package vn.haiphong.hpid.admin;

import java.util.List;

/**
 * The administrator behind the current API request, with the roles the database gives
 * them now.
 *
 * @param personId their id ({@code sub}) in the realm {@code admin}
 * @param roles their role assignments; empty for a person of the admin realm with no role
 */
public record AdminPrincipal(String personId, String displayName, List<Assignment> roles) {

	public AdminPrincipal {
		roles = List.copyOf(roles);
	}

	/**
	 * One role over one realm, or over every realm when {@code realm} is null.
	 */
	public record Assignment(String role, String realm) {

		boolean covers(String realmName) {
			return this.realm == null || this.realm.equals(realmName);
		}

	}

	/** Whether some role of theirs grants the permission in the realm (null: in every realm). */
	public boolean allows(AdminPermission permission, String realm) {
		for (Assignment assignment : this.roles) {
			boolean granted = AdminRole.of(assignment.role()).map((r) -> r.grants(permission)).orElse(false);
			if (granted && (realm == null ? assignment.realm() == null : assignment.covers(realm))) {
				return true;
			}
		}
		return false;
	}

}
