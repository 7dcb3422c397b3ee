package vn.haiphong.hpid.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import vn.haiphong.hpid.admin.AdminProblem.FieldError;
import vn.haiphong.hpid.store.EphemeralStoreUnavailableException;

/**
 * Turns every failure of an admin API controller into RFC 9457 problem details: the
 * {@link AdminProblem}s the endpoints throw, and the request bodies and parameters Spring
 * cannot read (malformed JSON, unknown fields, wrong types), each with its field path.
 * Anything else is a 500 problem without internals; the cause goes to the log.
 */
@RestControllerAdvice(basePackages = "vn.haiphong.hpid.admin")
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminProblemAdvice {

	private static final Logger log = LoggerFactory.getLogger(AdminProblemAdvice.class);

	static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	@ExceptionHandler(AdminProblem.class)
	ResponseEntity<Map<String, Object>> problem(AdminProblem problem) {
		return respond(problem);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return respond(AdminProblem.invalid(path(unknown), "unknown field"));
		}
		if (cause instanceof InvalidFormatException format) {
			return respond(AdminProblem.invalid(path(format), "has the wrong format or value"));
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			return respond(AdminProblem.invalid(path(mismatch), "has the wrong type"));
		}
		if (cause instanceof MismatchedInputException) {
			return respond(AdminProblem.invalid("$", "the body must be a JSON object"));
		}
		return respond(new AdminProblem(400, "malformed-json", "Malformed JSON",
				cause instanceof JacksonException ? "The request body is not valid JSON"
						: "The request body is missing or cannot be read"));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return respond(AdminProblem.invalid(ex.getName(), "has the wrong format"));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException ex) {
		return respond(AdminProblem.invalid(ex.getParameterName(), "is required"));
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<Map<String, Object>> missingHeader(MissingRequestHeaderException ex) {
		return respond(new AdminProblem(400, "missing-header", "Missing header",
				"The header " + ex.getHeaderName() + " is required"));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException ex) {
		return respond(new AdminProblem(405, "method-not-allowed", "Method not allowed",
				"This resource does not accept " + ex.getMethod()));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException ex) {
		return respond(new AdminProblem(415, "unsupported-media-type", "Unsupported media type",
				"Send the body as application/json"));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<Map<String, Object>> unexpected(RuntimeException ex) {
		if (ex instanceof DataAccessException || ex instanceof TransactionException
				|| ex instanceof EphemeralStoreUnavailableException) {
			// Store outages are the outage filter's business: it answers 503 with Retry-After.
			throw ex;
		}
		log.error("Admin API request failed", ex);
		return respond(new AdminProblem(500, "internal", "Internal error",
				"The request could not be completed; the details are in the server log"));
	}

	static ResponseEntity<Map<String, Object>> respond(AdminProblem problem) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status()).contentType(PROBLEM_JSON);
		if (problem.status() == 401) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"admin\"");
		}
		return response.body(body(problem));
	}

	static Map<String, Object> body(AdminProblem problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.type());
		body.put("title", problem.title());
		body.put("status", problem.status());
		body.put("detail", problem.detail());
		if (!problem.errors().isEmpty()) {
			List<Map<String, String>> errors = new ArrayList<>();
			for (FieldError error : problem.errors()) {
				errors.add(Map.of("field", error.field(), "reason", error.reason()));
			}
			body.put("errors", errors);
		}
		return body;
	}

	/** The JSON path of the failing value as the contract writes it: {@code redirectUris[0]}. */
	static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "$" : path.toString();
	}

}
