package vn.haiphong.hpid;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.haiphong.hpid.identity.IdentityResolver;
import vn.haiphong.hpid.identity.LegacyPersonalIdClaims;
import vn.haiphong.hpid.identity.LinkConflicts;
import vn.haiphong.hpid.identity.VerifiedIdentities;
import vn.haiphong.hpid.account.Argon2Settings;
import vn.haiphong.hpid.account.HashingGate;
import vn.haiphong.hpid.account.PasswordHasher;
import vn.haiphong.hpid.account.PasswordPolicy;
import vn.haiphong.hpid.login.LoginThrottle;
import vn.haiphong.hpid.login.ThrottleSettings;
import vn.haiphong.hpid.login.LoginTransactions;
import vn.haiphong.hpid.login.SignInCompletion;
import vn.haiphong.hpid.login.SsoSessionContextRepository;
import vn.haiphong.hpid.login.SsoSessions;
import vn.haiphong.hpid.oidc.Issuers;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.secondfactor.OtpCredentials;
import vn.haiphong.hpid.secondfactor.SecondFactorStep;
import vn.haiphong.hpid.security.MasterKey;
import vn.haiphong.hpid.realm.RealmFileLoader;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.store.EphemeralStore;

/** The stores and services every feature shares. */
@Configuration(proxyBeanMethods = false)
class CoreBeans {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	RealmRegistry realmRegistry(HpidProperties properties) {
		var realms = new RealmFileLoader().load(properties.realmLocations());
		if (realms.isEmpty()) {
			throw new IllegalStateException("No realm files match hpid.realm-locations " + properties.realmLocations());
		}
		return new RealmRegistry(realms, properties.demo());
	}

	@Bean
	OtpCredentials otpCredentials(JdbcClient jdbc, MasterKey masterKey, Clock clock) {
		return new OtpCredentials(jdbc, masterKey, clock);
	}

	@Bean
	SecondFactorStep secondFactorStep(OtpCredentials credentials, EphemeralStore store, JsonMapper json) {
		return new SecondFactorStep(credentials, store, json);
	}

	@Bean
	PersonStore personStore(JdbcClient jdbc, Clock clock) {
		return new PersonStore(jdbc, clock);
	}

	@Bean
	VerifiedIdentities verifiedIdentities(JdbcClient jdbc, Clock clock) {
		return new VerifiedIdentities(jdbc, clock);
	}

	@Bean
	LinkConflicts linkConflicts(JdbcClient jdbc, Clock clock) {
		return new LinkConflicts(jdbc, clock);
	}

	@Bean
	LegacyPersonalIdClaims legacyPersonalIdClaims(JdbcClient jdbc, Clock clock) {
		return new LegacyPersonalIdClaims(jdbc, clock);
	}

	@Bean
	IdentityResolver identityResolver(VerifiedIdentities identities, LinkConflicts conflicts, PersonStore people,
			LegacyPersonalIdClaims legacyClaims, PlatformTransactionManager transactionManager) {
		return new IdentityResolver(identities, conflicts, people, legacyClaims,
				new TransactionTemplate(transactionManager));
	}

	@Bean
	SsoSessions ssoSessions(EphemeralStore store, JsonMapper json, Clock clock) {
		return new SsoSessions(store, json, clock);
	}

	@Bean
	SsoSessionContextRepository ssoSessionContextRepository(SsoSessions sessions, RealmRegistry realms) {
		return new SsoSessionContextRepository(sessions, realms);
	}

	@Bean
	LoginTransactions loginTransactions(EphemeralStore store, JsonMapper json, Clock clock) {
		return new LoginTransactions(store, json, clock);
	}

	@Bean
	SignInCompletion signInCompletion(SsoSessions sessions, LoginTransactions transactions, Issuers issuers) {
		return new SignInCompletion(sessions, transactions, issuers);
	}

	@Bean
	PasswordHasher passwordHasher(HpidProperties properties) {
		HpidProperties.Argon2 argon2 = properties.argon2();
		return new PasswordHasher(new Argon2Settings(argon2.saltLength(), argon2.hashLength(), argon2.parallelism(),
				argon2.memoryKib(), argon2.iterations()),
				new HashingGate(argon2.maxConcurrent(), argon2.queueTimeout()));
	}

	@Bean
	PasswordPolicy passwordPolicy() {
		return new PasswordPolicy();
	}

	@Bean
	LoginThrottle loginThrottle(EphemeralStore store, Clock clock) {
		return new LoginThrottle(store, clock, ThrottleSettings.DEFAULT);
	}

}
