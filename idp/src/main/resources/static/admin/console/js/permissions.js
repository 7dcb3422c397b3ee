// What the signed-in roles allow, to hide the buttons they may not use. The API checks
// every call again (and reads the roles afresh); this only keeps the screens honest.
// Mirrors the roles of docs/admin-guide.md and the server's AdminPermission.

const ALL = ['REALMS_READ', 'CLIENTS_READ', 'CLIENTS_WRITE', 'PEOPLE_READ', 'PEOPLE_SUPPORT', 'PEOPLE_WRITE',
	'NATIONAL_ID_UNMASKED', 'CONFLICTS_READ', 'CONFLICTS_WRITE', 'UPSTREAMS_READ', 'KEYS_READ', 'KEYS_WRITE',
	'AUDIT_READ', 'ROLES_WRITE'];

const BY_ROLE = {
	'super-admin': ALL,
	'realm-admin': ALL.filter((p) => p !== 'ROLES_WRITE'),
	'helpdesk': ['REALMS_READ', 'PEOPLE_READ', 'PEOPLE_SUPPORT'],
	'auditor': ['REALMS_READ', 'AUDIT_READ'],
	'personal-id-viewer': ['NATIONAL_ID_UNMASKED'],
};

/** Whether any role grants the permission in the realm (a role without a realm holds in all). */
export function allows(me, permission, realm) {
	return ((me && me.roles) || []).some((grant) => (BY_ROLE[grant.role] || []).includes(permission)
		&& (grant.role === 'super-admin' || !grant.realm || grant.realm === realm));
}

/** The realms the roles name, for when the realm list itself is not readable. */
export function namedRealms(me) {
	return [...new Set(((me && me.roles) || []).map((grant) => grant.realm).filter(Boolean))];
}
