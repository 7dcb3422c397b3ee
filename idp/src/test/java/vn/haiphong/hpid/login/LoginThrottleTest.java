package vn.haiphong.hpid.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.store.InMemoryEphemeralStore;

class LoginThrottleTest {

	private static final String REALM = "haiphong";

	private static final String VICTIM = "an.nguyen@example.vn";

	private static final String ATTACKER_IP = "203.0.113.7";

	private static final String OWNER_IP = "198.51.100.20";

	private MutableClock clock;

	private InMemoryEphemeralStore store;

	private LoginThrottle throttle;

	@BeforeEach
	void setUp() {
		this.clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
		this.store = new InMemoryEphemeralStore(this.clock);
		this.throttle = new LoginThrottle(this.store, this.clock, ThrottleSettings.DEFAULT);
	}

	private void fail(String account, String ip, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.recordFailure(REALM, account, ip);
		}
	}

	@Test
	void allowsTheFirstFiveFailuresWithoutDelay() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP).allowed()).isTrue();
			this.throttle.recordFailure(REALM, VICTIM, ATTACKER_IP);
		}
		assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP).allowed()).isFalse();
	}

	@Test
	void delaysTheAttemptAfterTheFifthFailureByOneSecond() {
		fail(VICTIM, ATTACKER_IP, 5);

		assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP))
			.isEqualTo(ThrottleDecision.retryAfter(Duration.ofSeconds(1)));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP)).isEqualTo(ThrottleDecision.ALLOW);
	}

	@Test
	void doublesTheDelayWithEachFurtherFailure() {
		fail(VICTIM, ATTACKER_IP, 5);
		for (long expected = 1; expected <= 512; expected *= 2) {
			assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP).retryAfter())
				.isEqualTo(Duration.ofSeconds(expected));
			this.clock.advance(Duration.ofSeconds(expected));
			this.throttle.recordFailure(REALM, VICTIM, ATTACKER_IP);
		}
	}

	@Test
	void countsTheDelayFromTheLastFailure() {
		fail(VICTIM, ATTACKER_IP, 7);
		this.clock.advance(Duration.ofSeconds(3));

		assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP).retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void capsTheDelayAtFifteenMinutesAndNeverLocksOut() {
		fail(VICTIM, ATTACKER_IP, 40);

		assertThat(this.throttle.check(REALM, VICTIM, OWNER_IP).retryAfter()).isEqualTo(Duration.ofMinutes(15));
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(this.throttle.check(REALM, VICTIM, OWNER_IP).allowed()).isTrue();
	}

	@Test
	void keepsCountingAcrossAPatientSeriesOfGuesses() {
		fail(VICTIM, ATTACKER_IP, 20);
		for (int i = 0; i < 4; i++) {
			this.clock.advance(Duration.ofMinutes(15));
			assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP).allowed()).isTrue();
			this.throttle.recordFailure(REALM, VICTIM, ATTACKER_IP);
			// No fresh free attempts once the first counter's window has passed.
			assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP).retryAfter())
				.isEqualTo(Duration.ofMinutes(15));
		}
	}

	@Test
	void successClearsTheAccountCounter() {
		fail(VICTIM, OWNER_IP, 8);

		this.throttle.recordSuccess(REALM, VICTIM);

		assertThat(this.throttle.check(REALM, VICTIM, OWNER_IP).allowed()).isTrue();
		fail(VICTIM, OWNER_IP, 5);
		assertThat(this.throttle.check(REALM, VICTIM, OWNER_IP).retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void successDoesNotClearTheAddressCounter() {
		for (int i = 0; i < 50; i++) {
			this.throttle.recordFailure(REALM, "user" + i + "@example.vn", ATTACKER_IP);
		}
		this.throttle.recordSuccess(REALM, "attacker@example.vn");

		assertThat(this.throttle.check(REALM, "attacker@example.vn", ATTACKER_IP).retryAfter())
			.isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void throttlesAnAddressSprayingManyAccountsAfterFiftyFailures() {
		for (int i = 0; i < 49; i++) {
			this.throttle.recordFailure(REALM, "user" + i + "@example.vn", ATTACKER_IP);
		}
		assertThat(this.throttle.check(REALM, "fresh@example.vn", ATTACKER_IP).allowed()).isTrue();

		this.throttle.recordFailure(REALM, "user49@example.vn", ATTACKER_IP);
		assertThat(this.throttle.check(REALM, "fresh@example.vn", ATTACKER_IP).retryAfter())
			.isEqualTo(Duration.ofSeconds(1));
		this.throttle.recordFailure(REALM, "user50@example.vn", ATTACKER_IP);
		assertThat(this.throttle.check(REALM, "fresh@example.vn", ATTACKER_IP).retryAfter())
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void addressThrottlingDoesNotReachOtherAddresses() {
		for (int i = 0; i < 60; i++) {
			this.throttle.recordFailure(REALM, "user" + i + "@example.vn", ATTACKER_IP);
		}

		assertThat(this.throttle.check(REALM, "user1@example.vn", OWNER_IP).allowed()).isTrue();
	}

	@Test
	void attackOnOneAccountDoesNotAffectAnotherAccountFromAnotherAddress() {
		fail(VICTIM, ATTACKER_IP, 30);

		assertThat(this.throttle.check(REALM, "binh.tran@example.vn", OWNER_IP).allowed()).isTrue();
	}

	@Test
	void attackedOwnerIsOnlyDelayedNeverLockedOut() {
		fail(VICTIM, ATTACKER_IP, 12);
		Duration wait = this.throttle.check(REALM, VICTIM, OWNER_IP).retryAfter();

		assertThat(wait).isEqualTo(Duration.ofSeconds(128));
		this.clock.advance(wait);
		assertThat(this.throttle.check(REALM, VICTIM, OWNER_IP).allowed()).isTrue();
		this.throttle.recordSuccess(REALM, VICTIM);
		assertThat(this.throttle.check(REALM, VICTIM, OWNER_IP).allowed()).isTrue();
	}

	@Test
	void realmsAreCountedSeparately() {
		fail(VICTIM, ATTACKER_IP, 10);

		assertThat(this.throttle.check("other-realm", VICTIM, ATTACKER_IP).allowed()).isTrue();
	}

	@Test
	void forgetsFailuresAfterFifteenQuietMinutes() {
		fail(VICTIM, ATTACKER_IP, 5);
		this.clock.advance(Duration.ofSeconds(1).plus(Duration.ofMinutes(15)));

		assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP).allowed()).isTrue();
		fail(VICTIM, ATTACKER_IP, 4);
		assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP).allowed()).isTrue();
	}

	@Test
	void remembersFailuresUntilTheQuietWindowHasPassed() {
		fail(VICTIM, ATTACKER_IP, 4);
		this.clock.advance(Duration.ofMinutes(14));
		fail(VICTIM, ATTACKER_IP, 1);

		assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP).allowed()).isFalse();
	}

	@Test
	void storesNoEmailAddressInItsKeys() {
		String key = LoginThrottle.accountKey(REALM, VICTIM);

		assertThat(key).startsWith("throttle:acct:").doesNotContain("an.nguyen").doesNotContain("example");
		assertThat(key.substring("throttle:acct:".length())).matches("[0-9a-f]{64}");
		assertThat(LoginThrottle.ipKey(REALM, ATTACKER_IP)).isEqualTo("throttle:ip:haiphong|203.0.113.7");
	}

	@Test
	void treatsEverySpellingOfAnAccountAsOne() {
		assertThat(LoginThrottle.accountKey(REALM, " An.Nguyen@Example.VN "))
			.isEqualTo(LoginThrottle.accountKey(REALM, VICTIM));
		assertThat(LoginThrottle.accountKey(REALM, "+84 912 345 678"))
			.isEqualTo(LoginThrottle.accountKey(REALM, "0912345678"));
	}

	@Test
	void keysAnIpv6ClientByItsSlash64() {
		Map<String, String> sameSubscriber = Map.of("2001:db8:1:2::1", "2001:db8:1:2:ffff:eeee:dddd:cccc");

		sameSubscriber.forEach((one, other) -> assertThat(LoginThrottle.ipKey(REALM, one))
			.isEqualTo(LoginThrottle.ipKey(REALM, other))
			.isEqualTo("throttle:ip:haiphong|20010db800010002/64"));
		assertThat(LoginThrottle.ipKey(REALM, "2001:db8:1:3::1"))
			.isNotEqualTo(LoginThrottle.ipKey(REALM, "2001:db8:1:2::1"));
		assertThat(LoginThrottle.ipKey(REALM, "::ffff:203.0.113.7")).isEqualTo("throttle:ip:haiphong|203.0.113.7");
	}

	@Test
	void ignoresAnUnreadableStoredValue() {
		this.store.put(LoginThrottle.accountKey(REALM, VICTIM) + ":last", "garbage", Duration.ofMinutes(5));

		assertThat(this.throttle.check(REALM, VICTIM, ATTACKER_IP).allowed()).isTrue();
	}

}
