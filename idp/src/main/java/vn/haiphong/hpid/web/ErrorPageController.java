package vn.haiphong.hpid.web;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.security.Hashes;

/**
 * Every error a person can meet ends here: a page in Vietnamese or English that says
 * what happened and what to do, with a reference id that support can find in the log.
 * Never a stack trace.
 */
@Controller
final class ErrorPageController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

	private static final Set<String> KNOWN_KEYS = Set.of("authorize-invalid", "client-disabled", "logout-invalid", "login-expired",
			"not-found", "bad-request", "server", "unavailable", "forbidden", "upstream-unavailable", "upstream-invalid",
			"upstream-state", "upstream-expired", "upstream-personal-id", "upstream-level", "upstream-cancelled",
			"identity-conflict");

	private static final Pattern REALM_PATH = Pattern.compile("/realms/([a-z][a-z0-9-]{1,39})(/.*)?");

	private final RealmRegistry realms;

	ErrorPageController(RealmRegistry realms) {
		this.realms = realms;
	}

	@RequestMapping("/error")
	String error(HttpServletRequest request, HttpServletResponse response, Model model) {
		Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = statusAttribute instanceof Integer code ? code : response.getStatus();
		if (request.getDispatcherType() == DispatcherType.REQUEST && statusAttribute == null) {
			// Someone opened /error itself: no error happened, so there is no such page.
			status = 404;
		}
		if (status < 400) {
			status = 500;
		}
		String key = (String) request.getAttribute(ErrorPages.KEY);
		if (key == null || !KNOWN_KEYS.contains(key)) {
			key = switch (status) {
				case 404, 405 -> "not-found";
				case 403 -> "forbidden";
				case 503 -> "unavailable";
				default -> status >= 500 ? "server" : "bad-request";
			};
		}
		String reference = request.getAttribute(ErrorPages.REFERENCE) instanceof String given ? given
				: Hashes.randomToken(6);
		Object detail = request.getAttribute(ErrorPages.DETAIL);
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (status >= 500) {
			log.error("Error page {} (ref {}) for {}: {}", status, reference,
					request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), detail, failure);
		}
		else {
			log.info("Error page {} (ref {}) for {}: {}", status, reference,
					request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), detail);
		}
		response.setStatus(status);
		model.addAttribute("status", status);
		model.addAttribute("key", key);
		model.addAttribute("reference", reference);
		model.addAttribute("back", request.getAttribute(ErrorPages.BACK));
		realmOf(request).ifPresent((realm) -> model.addAttribute("realm", realm));
		return "error";
	}

	/** The realm whose page failed, so the error page wears its branding. */
	private Optional<Realm> realmOf(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (!(uri instanceof String path)) {
			return Optional.empty();
		}
		Matcher matcher = REALM_PATH.matcher(path.substring(request.getContextPath().length()));
		return matcher.matches() ? this.realms.find(matcher.group(1)) : Optional.empty();
	}

}
