package vn.haiphong.hpid.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import vn.haiphong.hpid.security.MasterKey;

/**
 * Signing keys: how often nodes reload them, how long a new key waits before it signs,
 * and the operator's endpoint to list and rotate them (management port only, until the
 * admin API takes over).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(KeyRotationConfig.Settings.class)
class KeyRotationConfig {

	private static final Logger log = LoggerFactory.getLogger(KeyRotationConfig.class);

	/**
	 * @param reloadInterval how often every node re-reads the key sets
	 * @param propagationDelay how long a new key is published before it signs; keep it
	 * at least twice the reload interval
	 * @param keepPublished how long a retired key stays in the JWKS; at least the longest
	 * token lifetime
	 */
	@ConfigurationProperties("hpid.keys")
	record Settings(@DefaultValue("10s") Duration reloadInterval, @DefaultValue("30s") Duration propagationDelay,
			@DefaultValue("2h") Duration keepPublished) {

		Settings {
			if (propagationDelay.compareTo(reloadInterval.multipliedBy(2)) < 0) {
				throw new IllegalArgumentException(
						"hpid.keys.propagation-delay must be at least twice hpid.keys.reload-interval");
			}
		}

	}

	@Bean
	SigningKeys signingKeys(JdbcClient jdbc, MasterKey masterKey, Clock clock, Settings settings) {
		return new SigningKeys(jdbc, masterKey, clock, settings.propagationDelay(), settings.keepPublished());
	}

	@Bean
	KeyReloader keyReloader(SigningKeys keys) {
		return new KeyReloader(keys);
	}

	@Bean
	SigningKeysEndpoint signingKeysEndpoint(SigningKeys keys) {
		return new SigningKeysEndpoint(keys);
	}

	/** Re-reads every realm's keys, so rotations made through other nodes arrive here. */
	static final class KeyReloader {

		private final SigningKeys keys;

		KeyReloader(SigningKeys keys) {
			this.keys = keys;
		}

		@Scheduled(fixedDelayString = "${hpid.keys.reload-interval:10s}",
				initialDelayString = "${hpid.keys.reload-interval:10s}")
		void reload() {
			for (String realm : this.keys.realms()) {
				try {
					this.keys.reload(realm);
				}
				catch (RuntimeException ex) {
					// The keys in memory stay in force; the next reload tries again.
					log.warn("Could not reload the signing keys of realm {}: {}", realm, ex.getMessage());
				}
			}
		}

	}

	/** {@code /actuator/signingkeys/{realm}}: list (GET) and rotate (POST). */
	@Endpoint(id = "signingkeys")
	static final class SigningKeysEndpoint {

		private final SigningKeys keys;

		SigningKeysEndpoint(SigningKeys keys) {
			this.keys = keys;
		}

		@ReadOperation
		Map<String, List<SigningKeys.KeyInfo>> list(@Selector String realm) {
			return Map.of("keys", this.keys.list(realm));
		}

		@WriteOperation
		SigningKeys.KeyInfo rotate(@Selector String realm) {
			this.keys.forRealm(realm);
			return this.keys.rotate(realm);
		}

	}

}
