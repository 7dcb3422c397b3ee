package vn.haiphong.hpid.oidc;

import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.keys.SigningKeys;
import vn.haiphong.hpid.login.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class VerifiedTokenCacheTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

	private final SigningKeys keys = mock(SigningKeys.class);

	private final RSAKey k1;

	private final RSAKey k2;

	VerifiedTokenCacheTest() throws Exception {
		this.k1 = new RSAKeyGenerator(2048).keyID("k1").generate();
		this.k2 = new RSAKeyGenerator(2048).keyID("k2").generate();
		publish(this.k1, this.k2);
	}

	private void publish(RSAKey... published) {
		JWKSet set = new JWKSet(java.util.List.of(published).stream().map(RSAKey::toPublicJWK)
			.map(com.nimbusds.jose.jwk.JWK.class::cast).toList());
		when(this.keys.forRealm("haiphong")).thenReturn(new SigningKeys.RealmKeys(this.k1, set, set));
	}

	@Test
	void aTokenCountsOnlyInItsRealmUntilItExpiresAndWhileItsKeyIsPublished() {
		VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(this.keys, 10, this.clock);
		Instant expiresAt = this.clock.instant().plus(Duration.ofMinutes(5));
		cache.put("haiphong", "k2", "token-a", "claims-a", expiresAt);

		assertThat(cache.get("haiphong", "token-a")).isEqualTo("claims-a");
		assertThat(cache.get("haiphong", "token-b")).isNull();
		assertThat(cache.get("staff", "token-a")).as("another realm").isNull();

		publish(this.k1);
		assertThat(cache.get("haiphong", "token-a")).as("its key no longer published").isNull();
		publish(this.k1, this.k2);
		assertThat(cache.get("haiphong", "token-a")).isEqualTo("claims-a");

		this.clock.advance(Duration.ofMinutes(5));
		assertThat(cache.get("haiphong", "token-a")).as("expired").isNull();
		publish(this.k1, this.k2);
		this.clock.advance(Duration.ofMinutes(-1));
		assertThat(cache.get("haiphong", "token-a")).as("forgotten once expired").isNull();
	}

	@Test
	void staysWithinItsCapacityAndRemembersNothingWithoutKeyOrExpiry() {
		VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(this.keys, 3, this.clock);
		Instant expiresAt = this.clock.instant().plus(Duration.ofMinutes(5));
		cache.put("haiphong", null, "no-kid", "x", expiresAt);
		cache.put("haiphong", "k1", "no-expiry", "x", null);
		assertThat(cache.get("haiphong", "no-kid")).isNull();
		assertThat(cache.get("haiphong", "no-expiry")).isNull();

		for (int i = 0; i < 3; i++) {
			cache.put("haiphong", "k1", "token-" + i, "claims-" + i, expiresAt);
		}
		assertThat(cache.get("haiphong", "token-2")).isEqualTo("claims-2");
		cache.put("haiphong", "k1", "token-3", "claims-3", expiresAt);
		assertThat(cache.get("haiphong", "token-0")).as("forgotten when full").isNull();
		assertThat(cache.get("haiphong", "token-3")).isEqualTo("claims-3");
	}

}
