package vn.haiphong.hpid.store;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the ephemeral store: in memory for one node (the embedded default), Redis for
 * several nodes. See docs/configuration.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EphemeralStoreConfig.Settings.class)
class EphemeralStoreConfig {

	/**
	 * @param type {@code memory} or {@code redis}
	 * @param redisMode {@code standalone}, {@code sentinel} or {@code cluster}
	 * @param redisNodes host:port of the server, the sentinels or the cluster seeds
	 * @param redisMasterName the Sentinel master name
	 * @param redisPassword the password, if Redis asks for one
	 * @param redisTimeout connect and read timeout
	 * @param redisPoolSize most connections per node
	 * @param redisKeyPrefix prefix of every key, so deployments can share a Redis
	 */
	@ConfigurationProperties("hpid.ephemeral")
	record Settings(@DefaultValue("memory") String type, @DefaultValue("standalone") String redisMode,
			@DefaultValue("127.0.0.1:6379") List<String> redisNodes, String redisMasterName, String redisUser,
			String redisPassword, @DefaultValue("2s") Duration redisTimeout, @DefaultValue("32") int redisPoolSize,
			@DefaultValue("hpid:") String redisKeyPrefix) {
	}

	@Bean
	EphemeralStore ephemeralStore(Settings settings, Clock clock) {
		return switch (settings.type()) {
			case "memory" -> new InMemoryEphemeralStore(clock);
			case "redis" -> new RedisEphemeralStore(redis(settings), settings.redisKeyPrefix());
			default -> throw new IllegalStateException(
					"hpid.ephemeral.type must be 'memory' or 'redis', not '" + settings.type() + "'");
		};
	}

	@Bean
	HealthIndicator ephemeralStoreHealthIndicator(EphemeralStore store) {
		// Readiness follows Redis: a node that cannot reach it is taken out of the balancer.
		return () -> {
			if (store instanceof RedisEphemeralStore redis) {
				return redis.ping() ? Health.up().withDetail("type", "redis").build()
						: Health.down().withDetail("type", "redis").build();
			}
			return Health.up().withDetail("type", "memory").build();
		};
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	static UnifiedJedis redis(Settings settings) {
		int timeout = (int) settings.redisTimeout().toMillis();
		JedisClientConfig client = DefaultJedisClientConfig.builder()
			.connectionTimeoutMillis(timeout)
			.socketTimeoutMillis(timeout)
			.user(blankToNull(settings.redisUser()))
			.password(blankToNull(settings.redisPassword()))
			.clientName("hpid")
			.build();
		GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
		pool.setMaxTotal(settings.redisPoolSize());
		pool.setMaxIdle(settings.redisPoolSize());
		pool.setMaxWait(settings.redisTimeout());
		pool.setTestWhileIdle(true);
		Set<HostAndPort> nodes = new HashSet<>();
		for (String node : settings.redisNodes()) {
			nodes.add(HostAndPort.from(node.strip()));
		}
		return switch (settings.redisMode()) {
			case "standalone" -> new JedisPooled(pool, nodes.iterator().next(), client);
			case "sentinel" -> {
				if (settings.redisMasterName() == null || settings.redisMasterName().isBlank()) {
					throw new IllegalStateException("hpid.ephemeral.redis-master-name is required in sentinel mode");
				}
				yield new JedisSentineled(settings.redisMasterName(), client, pool, nodes,
						DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout)
							.build());
			}
			case "cluster" -> new JedisCluster(nodes, client, 5, pool);
			default -> throw new IllegalStateException("hpid.ephemeral.redis-mode must be standalone, sentinel or cluster");
		};
	}

}
