package vn.haiphong.hpid.admin;

/**
 * What an administrator may do, realm by realm. Roles ({@link AdminRole}) are sets of
 * these; endpoints ask {@link AdminAuthorization} for one of these, never for a role.
 */
public enum AdminPermission {

	REALMS_READ,

	CLIENTS_READ,

	CLIENTS_WRITE,

	PEOPLE_READ,

	/** Unlock and force sign-out: what a helpdesk does for a caller. */
	PEOPLE_SUPPORT,

	/** Disable, enable, unlink: changes to who a person is or whether they may sign in. */
	PEOPLE_WRITE,

	/** See personal ID numbers in full instead of masked. */
	NATIONAL_ID_UNMASKED,

	CONFLICTS_READ,

	CONFLICTS_WRITE,

	UPSTREAMS_READ,

	KEYS_READ,

	KEYS_WRITE,

	AUDIT_READ,

	ROLES_WRITE

}
