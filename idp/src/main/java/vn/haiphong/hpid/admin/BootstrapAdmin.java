package vn.haiphong.hpid.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

import vn.haiphong.hpid.account.PasswordHasher;
import vn.haiphong.hpid.account.PasswordPolicy;
import vn.haiphong.hpid.account.PasswordProblem;
import vn.haiphong.hpid.audit.AuditEvent;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.person.LoginIdentifiers;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * Creates the first super-admin, as Keycloak's bootstrap admin does, while there is no
 * super-admin yet: from {@code HPID_BOOTSTRAP_ADMIN_EMAIL} and
 * {@code HPID_BOOTSTRAP_ADMIN_PASSWORD}, or, on the embedded demo, the documented demo
 * administrator. Once any super-admin exists the variables are ignored, so leaving them
 * set cannot re-create or reset anyone. The one-time code is enrolled at the first sign-in.
 */
final class BootstrapAdmin implements ApplicationRunner {

	static final String DEMO_EMAIL = "admin@haiphong.gov.vn";

	static final String DEMO_PASSWORD = "Quan-Tri-Do-Son-2026";

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final Environment environment;

	private final RealmRegistry realms;

	private final PersonStore people;

	private final PasswordHasher hasher;

	private final PasswordPolicy policy;

	private final AdminRoles roles;

	private final AuditLog audit;

	private final boolean demo;

	BootstrapAdmin(Environment environment, RealmRegistry realms, PersonStore people, PasswordHasher hasher,
			PasswordPolicy policy, AdminRoles roles, AuditLog audit, boolean demo) {
		this.environment = environment;
		this.realms = realms;
		this.people = people;
		this.hasher = hasher;
		this.policy = policy;
		this.roles = roles;
		this.audit = audit;
		this.demo = demo;
	}

	@Override
	public void run(ApplicationArguments args) {
		String email = this.environment.getProperty("HPID_BOOTSTRAP_ADMIN_EMAIL", "").strip();
		String password = this.environment.getProperty("HPID_BOOTSTRAP_ADMIN_PASSWORD", "");
		Optional<Realm> adminRealm = this.realms.find(AdminRoles.ADMIN_REALM);
		if (adminRealm.isEmpty()) {
			log.warn("There is no realm {}: the admin API and console accept nobody", AdminRoles.ADMIN_REALM);
			return;
		}
		if (this.roles.anySuperAdmin()) {
			if (!email.isEmpty()) {
				log.info("HPID_BOOTSTRAP_ADMIN_EMAIL is ignored: a super-admin exists already");
			}
			return;
		}
		if (email.isEmpty() && this.demo) {
			email = DEMO_EMAIL;
			password = DEMO_PASSWORD;
		}
		if (email.isEmpty()) {
			log.warn("No administrator exists: set HPID_BOOTSTRAP_ADMIN_EMAIL and HPID_BOOTSTRAP_ADMIN_PASSWORD "
					+ "to create the first super-admin (docs/configuration.md)");
			return;
		}
		String normalized = LoginIdentifiers.normalizeEmail(email).orElseThrow(() -> new IllegalStateException(
				"HPID_BOOTSTRAP_ADMIN_EMAIL is not an e-mail address"));
		Optional<Person> existing = this.people.findByLogin(AdminRoles.ADMIN_REALM, normalized);
		Person admin;
		if (existing.isPresent()) {
			admin = existing.get();
		}
		else {
			List<PasswordProblem> problems = this.policy.check(password, adminRealm.get().passwordPolicy(),
					List.of(normalized));
			if (!problems.isEmpty()) {
				throw new IllegalStateException("HPID_BOOTSTRAP_ADMIN_PASSWORD is refused by the password policy of "
						+ "the realm admin: " + problems + " (at least "
						+ adminRealm.get().passwordPolicy().minLength() + " characters, not a common password, "
						+ "not containing the e-mail address)");
			}
			try {
				admin = this.people.create(AdminRoles.ADMIN_REALM, Optional.of(normalized), Optional.empty(),
						Optional.of("Quản trị viên"), this.hasher.hash(password));
			}
			catch (PersonStore.AlreadyRegisteredException ex) {
				// Another node starting at the same moment created them first.
				admin = this.people.findByLogin(AdminRoles.ADMIN_REALM, normalized).orElseThrow(() -> ex);
			}
		}
		this.roles.grant(admin.id(), AdminRole.SUPER_ADMIN, null, "bootstrap");
		this.audit.record(AuditEvent.success("ADMIN_BOOTSTRAP", AdminRoles.ADMIN_REALM)
			.actor("bootstrap")
			.target(admin.id())
			.with(Map.of("role", AdminRole.SUPER_ADMIN.value(), "created", Boolean.toString(existing.isEmpty()))));
		log.info("Bootstrap: person {} of the realm admin is super-admin; the one-time code is enrolled at the "
				+ "first sign-in", admin.id());
	}

}
