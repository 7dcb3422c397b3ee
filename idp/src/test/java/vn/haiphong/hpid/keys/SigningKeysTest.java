package vn.haiphong.hpid.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.TestDatabases;
import vn.haiphong.hpid.security.MasterKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

	private final MovableClock clock = new MovableClock();

	private SigningKeys keys;

	private SigningKeys otherNode;

	@BeforeEach
	void setUp() {
		DataSource dataSource = TestDatabases.migrated(TestDatabases.h2());
		JdbcClient jdbc = JdbcClient.create(dataSource);
		MasterKey masterKey = new MasterKey(new byte[32]);
		this.keys = new SigningKeys(jdbc, masterKey, this.clock, Duration.ofSeconds(30), Duration.ofHours(2));
		this.otherNode = new SigningKeys(jdbc, masterKey, this.clock, Duration.ofSeconds(30), Duration.ofHours(2));
		this.keys.ensureKeys("r");
		this.otherNode.ensureKeys("r");
	}

	@Test
	void theFirstKeyIsMadeOnceAndSharedByEveryNode() {
		assertThat(this.otherNode.forRealm("r").active().getKeyID()).isEqualTo(this.keys.forRealm("r").active().getKeyID());
		assertThat(this.keys.forRealm("r").active().isPrivate()).isTrue();
		assertThat(this.keys.forRealm("r").published().getKeys()).allMatch((k) -> !k.isPrivate());
	}

	@Test
	void aRotatedKeyIsPublishedBeforeItSignsAndTheOldOneStaysPublished() {
		String old = this.keys.forRealm("r").active().getKeyID();
		String next = this.keys.rotate("r").kid();
		this.otherNode.reload("r");
		for (SigningKeys node : new SigningKeys[] { this.keys, this.otherNode }) {
			assertThat(node.forRealm("r").active().getKeyID()).isEqualTo(old);
			assertThat(node.forRealm("r").published().getKeyByKeyId(next)).isNotNull();
		}
		this.clock.advance(Duration.ofSeconds(31));
		this.keys.reload("r");
		this.otherNode.reload("r");
		for (SigningKeys node : new SigningKeys[] { this.keys, this.otherNode }) {
			assertThat(node.forRealm("r").active().getKeyID()).isEqualTo(next);
			assertThat(node.forRealm("r").published().getKeyByKeyId(old)).isNotNull();
		}
		this.clock.advance(Duration.ofHours(2));
		this.keys.reload("r");
		assertThat(this.keys.forRealm("r").published().getKeyByKeyId(old)).isNull();
		assertThat(this.keys.list("r")).extracting(SigningKeys.KeyInfo::state).containsExactly("EXPIRED", "ACTIVE");
	}

	@Test
	void aKeyThatNoLongerSignsIsRetiredAtOnceAndStaysPublished() {
		String old = this.keys.forRealm("r").active().getKeyID();
		String next = this.keys.rotate("r").kid();
		this.clock.advance(Duration.ofSeconds(31));
		this.keys.reload("r");
		assertThat(this.keys.forRealm("r").active().getKeyID()).isEqualTo(next);
		assertThatThrownBy(() -> this.keys.retire("r", old)).as("retired by the rotation already")
			.isInstanceOf(SigningKeys.RetireRefusedException.class);
		assertThatThrownBy(() -> this.keys.retire("r", next)).as("it signs now: rotate instead")
			.isInstanceOf(SigningKeys.RetireRefusedException.class);
		assertThat(this.keys.retire("r", "r-unknown")).isEmpty();
	}

	@Test
	void retiringTheSuccessorBeforeItSignsCancelsTheRotation() {
		String old = this.keys.forRealm("r").active().getKeyID();
		String next = this.keys.rotate("r").kid();
		assertThat(this.keys.retire("r", next).orElseThrow().state()).isEqualTo("RETIRED");
		this.clock.advance(Duration.ofMinutes(5));
		this.keys.reload("r");
		assertThat(this.keys.forRealm("r").active().getKeyID()).as("the current key keeps signing").isEqualTo(old);
		assertThat(this.keys.forRealm("r").published().getKeyByKeyId(next)).as("published until it expires")
			.isNotNull();
	}

	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-11-29T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
