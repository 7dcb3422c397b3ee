package vn.haiphong.hpid.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the audit trail back, for administrators and auditors: filtered by realm, person,
 * client, event type and time range, newest first. Large reads go page by page on the
 * primary key, so an export of years of events holds one page in memory at a time.
 */
public class AuditTrail {

	private static final int PAGE = 1000;

	private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public AuditTrail(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Which events to read; null fields do not filter.
	 * @param person matches events whose target or actor is this person
	 * @param from inclusive
	 * @param to exclusive
	 */
	public record Filter(String realm, String person, String clientId, String type, Instant from, Instant to) {
	}

	/** One stored event. */
	public record StoredEvent(long id, Instant at, String realm, String type, String outcome, String actor,
			String clientId, String target, String ipAddress, String userAgent, Map<String, String> details) {
	}

	public List<StoredEvent> find(Filter filter, int limit) {
		List<StoredEvent> events = new ArrayList<>();
		stream(filter, limit, events::add);
		return events;
	}

	/** Hands at most {@code limit} matching events to {@code sink}, newest first. */
	public void stream(Filter filter, long limit, Consumer<StoredEvent> sink) {
		long remaining = limit;
		Long before = null;
		while (remaining > 0) {
			List<StoredEvent> page = page(filter, before, (int) Math.min(PAGE, remaining));
			for (StoredEvent event : page) {
				sink.accept(event);
			}
			if (page.size() < Math.min(PAGE, remaining)) {
				return;
			}
			remaining -= page.size();
			before = page.get(page.size() - 1).id();
		}
	}

	private List<StoredEvent> page(Filter filter, Long beforeId, int size) {
		StringBuilder sql = new StringBuilder("select * from audit_event where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (filter.realm() != null) {
			sql.append(" and realm = ?");
			params.add(filter.realm());
		}
		if (filter.person() != null) {
			sql.append(" and (target = ? or actor = ?)");
			params.add(filter.person());
			params.add(filter.person());
		}
		if (filter.clientId() != null) {
			sql.append(" and client_id = ?");
			params.add(filter.clientId());
		}
		if (filter.type() != null) {
			sql.append(" and type = ?");
			params.add(filter.type());
		}
		if (filter.from() != null) {
			sql.append(" and at >= ?");
			params.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			sql.append(" and at < ?");
			params.add(Timestamp.from(filter.to()));
		}
		if (beforeId != null) {
			sql.append(" and id < ?");
			params.add(beforeId);
		}
		sql.append(" order by id desc limit ?");
		params.add(size);
		return this.jdbc.sql(sql.toString()).params(params).query(this::event).list();
	}

	private StoredEvent event(ResultSet rs, int row) throws SQLException {
		String details = rs.getString("details");
		return new StoredEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("realm"),
				rs.getString("type"), rs.getString("outcome"), rs.getString("actor"), rs.getString("client_id"),
				rs.getString("target"), rs.getString("ip_address"), rs.getString("user_agent"),
				details == null ? Map.of() : readDetails(details));
	}

	private Map<String, String> readDetails(String details) {
		try {
			return this.json.readValue(details, DETAILS);
		}
		catch (RuntimeException ex) {
			// Clipped at 4000 characters when written: keep what is there, unparsed.
			return Map.of("raw", details);
		}
	}

}
