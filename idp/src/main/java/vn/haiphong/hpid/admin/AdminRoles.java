package vn.haiphong.hpid.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import vn.haiphong.hpid.admin.AdminPrincipal.Assignment;

/**
 * Administrators' role assignments (table {@code admin_role}). Read at every API request
 * rather than carried in the token, so taking a role away applies to the next request.
 */
public class AdminRoles {

	/** The realm whose people are the administrators. */
	public static final String ADMIN_REALM = "admin";

	private final JdbcClient jdbc;

	private final Clock clock;

	public AdminRoles(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<Assignment> of(String personId) {
		return this.jdbc.sql("select role, realm from admin_role where person_id = ? order by id")
			.param(personId)
			.query((rs, row) -> new Assignment(rs.getString("role"), rs.getString("realm")))
			.list();
	}

	/** Gives the role; a no-op when the person has it already. */
	public void grant(String personId, AdminRole role, String realm, String grantedBy) {
		if (role == AdminRole.SUPER_ADMIN && realm != null) {
			throw new IllegalArgumentException("super-admin covers every realm; it takes no realm");
		}
		if (of(personId).contains(new Assignment(role.value(), realm))) {
			return;
		}
		this.jdbc.sql("""
				insert into admin_role (person_id, role, realm, granted_at, granted_by)
				values (?, ?, ?, ?, ?)""")
			.params(personId, role.value(), realm, Timestamp.from(this.clock.instant()), grantedBy)
			.update();
	}

	/** Replaces all of the person's roles with these, in one transaction. */
	@Transactional
	public void replace(String personId, List<Assignment> roles, String grantedBy) {
		this.jdbc.sql("delete from admin_role where person_id = ?").param(personId).update();
		for (Assignment assignment : roles) {
			AdminRole role = AdminRole.of(assignment.role())
				.orElseThrow(() -> new IllegalArgumentException("unknown role " + assignment.role()));
			grant(personId, role, assignment.realm(), grantedBy);
		}
	}

	/** Every role of every administrator, by person id. */
	public Map<String, List<Assignment>> all() {
		Map<String, List<Assignment>> byPerson = new LinkedHashMap<>();
		this.jdbc.sql("select person_id, role, realm from admin_role order by id")
			.query((rs, row) -> byPerson.computeIfAbsent(rs.getString("person_id"), (id) -> new ArrayList<>())
				.add(new Assignment(rs.getString("role"), rs.getString("realm"))))
			.list();
		return byPerson;
	}

	public long superAdminCount() {
		return this.jdbc.sql("select count(distinct person_id) from admin_role where role = ?")
			.param(AdminRole.SUPER_ADMIN.value())
			.query(Long.class)
			.single();
	}

	public boolean anySuperAdmin() {
		return this.jdbc.sql("select count(*) from admin_role where role = ?")
			.param(AdminRole.SUPER_ADMIN.value())
			.query(Long.class)
			.single() > 0;
	}

}
