package vn.haiphong.hpid.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, a request whose parameters the server will not
 * parse: a form body over {@code server.tomcat.max-http-form-post-size}, more parameters
 * than {@code server.tomcat.max-parameter-count}, or broken encoding. Tomcat reports
 * these by throwing from the first {@code getParameter}; left to the first reader (the
 * token endpoint, the language switch), an anonymous client got Tomcat's own HTML error
 * page and put two stack traces in the log per request. Apps get
 * {@code invalid_request} as OAuth JSON, people the error page; the log gets one line.
 */
final class UnreadableParametersFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(UnreadableParametersFilter.class);

	private final SecurityHeaders headers;

	UnreadableParametersFilter(SecurityHeaders headers) {
		this.headers = headers;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (IllegalStateException ex) {
			refuse(request, response, ex);
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, IllegalStateException failure)
			throws IOException {
		boolean tooLarge = failure instanceof InvalidParameterException invalid
				&& invalid.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
		String detail = tooLarge ? "the request body is too large" : "the request parameters cannot be read";
		log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), detail);
		// Spring Security, which writes them on other responses, has not run yet.
		this.headers.write(request, response);
		if (AppEndpoints.answersApps(request)) {
			// RFC 6749 §5.2: a malformed request is invalid_request, status 400.
			AppEndpoints.writeError(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request", detail);
			return;
		}
		ErrorPages.send(request, response,
				tooLarge ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE : HttpServletResponse.SC_BAD_REQUEST,
				"bad-request", detail);
	}

}
