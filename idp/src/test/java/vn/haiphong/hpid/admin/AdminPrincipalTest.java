package vn.haiphong.hpid.admin;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.admin.AdminPrincipal.Assignment;

import static org.assertj.core.api.Assertions.assertThat;

class AdminPrincipalTest {

	@Test
	void aRealmRoleGrantsItsPermissionsInThatRealmOnly() {
		AdminPrincipal helpdesk = principal(new Assignment("helpdesk", "haiphong"));
		assertThat(helpdesk.allows(AdminPermission.PEOPLE_SUPPORT, "haiphong")).isTrue();
		assertThat(helpdesk.allows(AdminPermission.PEOPLE_SUPPORT, "staff")).isFalse();
		assertThat(helpdesk.allows(AdminPermission.PEOPLE_WRITE, "haiphong")).isFalse();
		assertThat(helpdesk.allows(AdminPermission.NATIONAL_ID_UNMASKED, "haiphong")).isFalse();
		assertThat(helpdesk.allows(AdminPermission.AUDIT_READ, "haiphong")).isFalse();
		assertThat(helpdesk.allows(AdminPermission.PEOPLE_READ, null)).as("not a global permission").isFalse();
	}

	@Test
	void personalIdViewerAddsUnmaskingToHelpdesk() {
		AdminPrincipal viewer = principal(new Assignment("helpdesk", "haiphong"),
				new Assignment("personal-id-viewer", "haiphong"));
		assertThat(viewer.allows(AdminPermission.NATIONAL_ID_UNMASKED, "haiphong")).isTrue();
		assertThat(viewer.allows(AdminPermission.NATIONAL_ID_UNMASKED, "staff")).isFalse();
		assertThat(viewer.allows(AdminPermission.PEOPLE_WRITE, "haiphong")).isFalse();
	}

	@Test
	void anAuditorOfEveryRealmReadsAuditEverywhereAndWritesNothing() {
		AdminPrincipal auditor = principal(new Assignment("auditor", null));
		assertThat(auditor.allows(AdminPermission.AUDIT_READ, "haiphong")).isTrue();
		assertThat(auditor.allows(AdminPermission.AUDIT_READ, "staff")).isTrue();
		for (AdminPermission permission : AdminPermission.values()) {
			if (permission.name().endsWith("_WRITE") || permission == AdminPermission.PEOPLE_SUPPORT) {
				assertThat(auditor.allows(permission, "haiphong")).as(permission.name()).isFalse();
			}
		}
	}

	@Test
	void superAdminMayDoEverythingAndRealmAdminEverythingButRoles() {
		AdminPrincipal root = principal(new Assignment("super-admin", null));
		AdminPrincipal realmAdmin = principal(new Assignment("realm-admin", "staff"));
		for (AdminPermission permission : AdminPermission.values()) {
			assertThat(root.allows(permission, "staff")).isTrue();
			assertThat(root.allows(permission, null)).isTrue();
			assertThat(realmAdmin.allows(permission, "staff")).as(permission.name())
				.isEqualTo(permission != AdminPermission.ROLES_WRITE);
			assertThat(realmAdmin.allows(permission, "haiphong")).isFalse();
		}
	}

	@Test
	void anUnknownRoleNameGrantsNothing() {
		AdminPrincipal odd = principal(new Assignment("owner", null));
		for (AdminPermission permission : AdminPermission.values()) {
			assertThat(odd.allows(permission, "haiphong")).isFalse();
		}
	}

	private static AdminPrincipal principal(Assignment... roles) {
		return new AdminPrincipal("p1", "Test", List.of(roles));
	}

}
