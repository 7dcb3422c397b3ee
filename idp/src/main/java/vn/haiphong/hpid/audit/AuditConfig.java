package vn.haiphong.hpid.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.HostAndPort;

/** The audit trail, its retention, and where else its events go. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditConfig.Settings.class)
class AuditConfig {

	private static final Logger log = LoggerFactory.getLogger(AuditConfig.class);

	/**
	 * @param retention how long entries are kept; 24 months by default (Decree 53/2022)
	 * @param redisStream where to publish events for the data warehouse, empty for nowhere
	 * @param redisStreamNode the Redis that holds the stream
	 * @param redisStreamMaxLength the approximate cap of the stream
	 */
	@ConfigurationProperties("hpid.audit")
	record Settings(@DefaultValue("730d") Duration retention, String redisStream,
			@DefaultValue("127.0.0.1:6379") String redisStreamNode, @DefaultValue("1000000") long redisStreamMaxLength) {

		Settings {
			if (retention.compareTo(Duration.ofDays(30)) < 0) {
				throw new IllegalArgumentException("hpid.audit.retention must be at least 30 days");
			}
		}

	}

	@Bean
	AuditTrail auditTrail(JdbcClient jdbc, JsonMapper json) {
		return new AuditTrail(jdbc, json);
	}

	@Bean
	AuditLog auditLog(JdbcClient jdbc, JsonMapper json, Clock clock, ObjectProvider<AuditEventListener> listeners) {
		return new AuditLog(jdbc, json, clock, listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnExpression("!'${hpid.audit.redis-stream:}'.isEmpty()")
	RedisStreamAuditPublisher redisStreamAuditPublisher(Settings settings) {
		return new RedisStreamAuditPublisher(new JedisPooled(HostAndPort.from(settings.redisStreamNode())),
				settings.redisStream(), settings.redisStreamMaxLength());
	}

	@Bean
	AuditRetention auditRetention(AuditLog audit, Settings settings) {
		return new AuditRetention(audit, settings.retention());
	}

	/** Applies the retention once a day (and at start). */
	static final class AuditRetention {

		private final AuditLog audit;

		private final Duration retention;

		AuditRetention(AuditLog audit, Duration retention) {
			this.audit = audit;
			this.retention = retention;
		}

		@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT24H")
		void purge() {
			int purged = this.audit.purgeOlderThan(this.retention);
			if (purged > 0) {
				log.info("Removed {} audit entries older than {}", purged, this.retention);
			}
		}

	}

}
