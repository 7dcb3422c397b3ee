package vn.haiphong.hpid.demo;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.haiphong.hpid.account.PasswordHasher;
import vn.haiphong.hpid.person.PersonStore;

/**
 * The demo account of the embedded default (README.md), so a newcomer can sign in within
 * a minute. Only when {@code hpid.demo} is on, which the production profile forbids.
 */
@Component
@ConditionalOnProperty(name = "hpid.demo", havingValue = "true")
final class DemoSetup implements ApplicationRunner {

	static final String REALM = "haiphong";

	static final String EMAIL = "demo@haiphong.gov.vn";

	static final String PASSWORD = "Bien-Do-Son-2026";

	private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

	private final PersonStore people;

	private final PasswordHasher hasher;

	DemoSetup(PersonStore people, PasswordHasher hasher) {
		this.people = people;
		this.hasher = hasher;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.people.findByLogin(REALM, EMAIL).isEmpty()) {
			this.people.create(REALM, Optional.of(EMAIL), Optional.of("+84900000001"),
					Optional.of("Nguyễn Văn Demo"), this.hasher.hash(PASSWORD));
			log.info("Created the demo account {} in realm {} (see README.md)", EMAIL, REALM);
		}
	}

}
