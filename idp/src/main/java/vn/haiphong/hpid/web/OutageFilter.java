package vn.haiphong.hpid.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.haiphong.hpid.account.PasswordHashingBusyException;
import vn.haiphong.hpid.store.EphemeralStoreUnavailableException;

/**
 * Fails closed, and says so, when a store is down (the ephemeral store, or the database
 * while it restarts or fails over): people get the "temporarily unavailable" page, apps a
 * 503 with {@code temporarily_unavailable}, both with Retry-After. Never a 500 or a stack
 * trace. What needs only the store that is up keeps working: refresh grants need only the
 * database. A node saturated with password hashes answers the same way.
 */
public final class OutageFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(OutageFilter.class);

	private static final String RETRY_AFTER_SECONDS = "5";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			Throwable outage = outage(ex);
			if (outage == null) {
				throw ex;
			}
			log.warn("Temporarily unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(),
					outage.getClass().getSimpleName());
			if (response.isCommitted()) {
				return;
			}
			response.resetBuffer();
			response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
			if (AppEndpoints.answersApps(request)) {
				AppEndpoints.writeError(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable",
						"The service is temporarily unavailable; retry later");
				return;
			}
			ErrorPages.send(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable",
					outage.getClass().getSimpleName());
		}
	}

	/**
	 * The failure that shows a store is unreachable, or null. A database connection lost
	 * at commit surfaces as Spring's {@code TransactionSystemException} ("rollback
	 * failed") around a bare {@link SQLException}, so the SQL state is read as well as
	 * Spring's translated types.
	 */
	private static Throwable outage(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof EphemeralStoreUnavailableException || t instanceof PasswordHashingBusyException
					|| t instanceof DataAccessResourceFailureException
					|| t instanceof TransientDataAccessException || t instanceof CannotCreateTransactionException
					|| connectionLost(t)) {
				return t;
			}
			if (t instanceof TransactionSystemException transaction && transaction.getOriginalException() != null
					&& outage(transaction.getOriginalException()) != null) {
				return transaction.getOriginalException();
			}
		}
		return null;
	}

	private static boolean connectionLost(Throwable failure) {
		if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
				|| failure instanceof SQLNonTransientConnectionException) {
			return true;
		}
		if (failure instanceof SQLException sql && sql.getSQLState() != null) {
			String state = sql.getSQLState();
			// 08: connection exception; 57P: operator intervention (shutdown, restart); 53: resources.
			return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
		}
		return false;
	}

}
