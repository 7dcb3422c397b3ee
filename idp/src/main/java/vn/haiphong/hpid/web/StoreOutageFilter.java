package vn.haiphong.hpid.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

import vn.haiphong.hpid.store.EphemeralStoreUnavailableException;

/**
 * Fails closed, and says so, when the ephemeral store is down: people get the
 * "temporarily unavailable" page, apps a 503 with {@code temporarily_unavailable}, both
 * with Retry-After. Never a 500 or a stack trace. Grants that need only the durable store
 * (refresh tokens) keep working, since they never reach the store.
 */
public final class StoreOutageFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(StoreOutageFilter.class);

	private static final String RETRY_AFTER_SECONDS = "5";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			EphemeralStoreUnavailableException outage = outage(ex);
			if (outage == null) {
				throw ex;
			}
			log.warn("Ephemeral store unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(),
					outage.getMessage());
			if (response.isCommitted()) {
				return;
			}
			response.resetBuffer();
			response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
			if (request.getRequestURI().contains("/protocol/openid-connect/")
					&& !request.getRequestURI().endsWith("/auth") && !request.getRequestURI().endsWith("/logout")) {
				response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
				response.setContentType("application/json");
				response.setHeader("Cache-Control", "no-store");
				response.getWriter()
					.write("{\"error\":\"temporarily_unavailable\",\"error_description\":"
							+ "\"The service is temporarily unavailable; retry later\"}");
				return;
			}
			ErrorPages.send(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable",
					outage.getMessage());
		}
	}

	private static EphemeralStoreUnavailableException outage(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof EphemeralStoreUnavailableException outage) {
				return outage;
			}
		}
		return null;
	}

}
