package vn.haiphong.hpid.web;

import java.sql.SQLException;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutageFilterTest {

	private static final String TOKEN = "/realms/haiphong/protocol/openid-connect/token";

	@Test
	void aConnectionLostAtCommitIsAnOutageNotAServerError() throws Exception {
		// What Spring throws when PostgreSQL is restarted between a statement and the commit:
		// the commit fails, then the rollback on the dead connection fails too.
		TransactionSystemException lost = new TransactionSystemException("JDBC rollback failed",
				new SQLException("This connection has been closed.", "08003"));
		MockHttpServletResponse response = run(TOKEN, lost);
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentAsString()).contains("\"temporarily_unavailable\"");
	}

	@Test
	void aServerShutdownMidStatementIsAnOutage() throws Exception {
		SQLException shutdown = new SQLException("terminating connection due to administrator command", "57P01");
		assertThat(run(TOKEN, new IllegalStateException("wrapped", shutdown)).getStatus()).isEqualTo(503);
	}

	@Test
	void aRollbackFailureAfterAnOutageIsAnOutage() throws Exception {
		TransactionSystemException rollback = new TransactionSystemException("rollback failed");
		rollback.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException("gone"));
		assertThat(run(TOKEN, rollback).getStatus()).isEqualTo(503);
	}

	@Test
	void aNodeSaturatedWithPasswordHashesSaysSoToPeople() throws Exception {
		MockHttpServletResponse response = run("/realms/haiphong/login",
				new vn.haiphong.hpid.account.PasswordHashingBusyException());
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
	}

	@Test
	void otherFailuresAreNotHiddenAsOutages() {
		DataIntegrityViolationException bug = new DataIntegrityViolationException("duplicate",
				new SQLException("duplicate key", "23505"));
		assertThatThrownBy(() -> run(TOKEN, bug)).isSameAs(bug);
	}

	private static MockHttpServletResponse run(String path, RuntimeException failure) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.setRequestURI(path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		FilterChain chain = (req, res) -> {
			throw failure;
		};
		new OutageFilter().doFilter(request, response, chain);
		return response;
	}

}
