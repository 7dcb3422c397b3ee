package vn.haiphong.hpid.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

	private final JdbcClient jdbc = database();

	@Test
	void recordsEventsAndHandsThemToListenersEvenWhenOneFails() {
		List<AuditEvent> seen = new ArrayList<>();
		AuditLog audit = new AuditLog(this.jdbc, JsonMapper.builder().build(), Clock.systemUTC(), List.of((event) -> {
			throw new IllegalStateException("the warehouse is down");
		}, seen::add));
		audit.record(AuditEvent.success("LOGIN", "r").actor("p1").client("app").from("127.0.0.1", "test")
			.with(Map.of("method", "pwd")));
		assertThat(audit.count("r", "LOGIN", "SUCCESS")).isEqualTo(1);
		assertThat(seen).extracting(AuditEvent::actor).containsExactly("p1");
	}

	@Test
	void purgesOnlyEntriesOlderThanTheRetention() {
		Instant now = Instant.parse("2026-11-29T00:00:00Z");
		AuditLog past = new AuditLog(this.jdbc, JsonMapper.builder().build(),
				Clock.fixed(now.minus(Duration.ofDays(800)), ZoneOffset.UTC), List.of());
		past.record(AuditEvent.success("LOGIN", "r"));
		AuditLog present = new AuditLog(this.jdbc, JsonMapper.builder().build(), Clock.fixed(now, ZoneOffset.UTC),
				List.of());
		present.record(AuditEvent.success("LOGIN", "r"));
		assertThat(present.purgeOlderThan(Duration.ofDays(730))).isEqualTo(1);
		assertThat(present.count("r", "LOGIN", "SUCCESS")).isEqualTo(1);
	}

	private static JdbcClient database() {
		return JdbcClient.create(TestDatabases.migrated(TestDatabases.h2()));
	}

}
