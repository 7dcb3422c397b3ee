package vn.haiphong.hpid.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * Publishes audit events to a Redis stream for the city's shared data warehouse, which
 * reads it with a consumer group. The stream is capped (approximately), so an absent
 * reader cannot fill Redis.
 */
public final class RedisStreamAuditPublisher implements AuditEventListener {

	private final UnifiedJedis redis;

	private final String stream;

	private final long maxLength;

	public RedisStreamAuditPublisher(UnifiedJedis redis, String stream, long maxLength) {
		this.redis = redis;
		this.stream = stream;
		this.maxLength = maxLength;
	}

	@Override
	public void onEvent(AuditEvent event) {
		Map<String, String> fields = new LinkedHashMap<>();
		put(fields, "type", event.type());
		put(fields, "outcome", event.outcome());
		put(fields, "realm", event.realm());
		put(fields, "actor", event.actor());
		put(fields, "client_id", event.clientId());
		put(fields, "target", event.target());
		put(fields, "ip_address", event.ipAddress());
		event.details().forEach((name, value) -> put(fields, "detail." + name, value));
		this.redis.xadd(this.stream, XAddParams.xAddParams().id(StreamEntryID.NEW_ENTRY).maxLen(this.maxLength).approximateTrimming(),
				fields);
	}

	private static void put(Map<String, String> fields, String name, String value) {
		if (value != null) {
			fields.put(name, value);
		}
	}

}
