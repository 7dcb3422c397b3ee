package vn.haiphong.hpid.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The ephemeral store of a cluster: Redis through Jedis (standalone, Sentinel or
 * Cluster, all behind {@link UnifiedJedis} with pooled connections). Every key has a
 * time to live and a prefix, so several deployments can share one Redis and nothing
 * grows without bound.
 */
public final class RedisEphemeralStore implements EphemeralStore, AutoCloseable {

	/** Creates a counter with its time to live in one step: no counter can outlive its window. */
	private static final String INCREMENT = """
			local value = redis.call('INCR', KEYS[1])
			if value == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return value""";

	private final UnifiedJedis redis;

	private final String prefix;

	public RedisEphemeralStore(UnifiedJedis redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	@Override
	public void put(String key, String value, Duration ttl) {
		run(() -> this.redis.set(key(key), value, SetParams.setParams().px(millis(ttl))));
	}

	@Override
	public boolean putIfAbsent(String key, String value, Duration ttl) {
		return run(() -> "OK".equals(this.redis.set(key(key), value, SetParams.setParams().nx().px(millis(ttl)))));
	}

	@Override
	public Optional<String> get(String key) {
		return run(() -> Optional.ofNullable(this.redis.get(key(key))));
	}

	@Override
	public Optional<String> take(String key) {
		return run(() -> Optional.ofNullable(this.redis.getDel(key(key))));
	}

	@Override
	public void delete(String key) {
		run(() -> this.redis.del(key(key)));
	}

	@Override
	public long increment(String key, Duration ttl) {
		return run(() -> (Long) this.redis.eval(INCREMENT, List.of(key(key)),
				List.of(Long.toString(millis(ttl)))));
	}

	/** Whether Redis answers now; for readiness. */
	public boolean ping() {
		try {
			return "PONG".equals(this.redis.ping());
		}
		catch (JedisException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.redis.close();
	}

	private String key(String key) {
		return this.prefix + key;
	}

	private static long millis(Duration ttl) {
		return Math.max(1, ttl.toMillis());
	}

	private interface Call<T> {

		T call();

	}

	private static <T> T run(Call<T> call) {
		try {
			return call.call();
		}
		catch (JedisException ex) {
			throw new EphemeralStoreUnavailableException("Redis is unavailable: " + ex.getClass().getSimpleName(), ex);
		}
	}

}
