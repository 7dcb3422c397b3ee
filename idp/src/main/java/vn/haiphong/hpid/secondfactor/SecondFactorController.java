package vn.haiphong.hpid.secondfactor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import vn.haiphong.hpid.audit.AuditEvent;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.login.LoginThrottle;
import vn.haiphong.hpid.login.LoginTransactions;
import vn.haiphong.hpid.login.LoginTransactions.LoginTransaction;
import vn.haiphong.hpid.login.PersonAuthentication;
import vn.haiphong.hpid.login.SignInCompletion;
import vn.haiphong.hpid.login.ThrottleDecision;
import vn.haiphong.hpid.oidc.AuthenticationLevels;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.store.EphemeralStore;
import vn.haiphong.hpid.web.ErrorPages;

/**
 * The second step of a local sign-in: a one-time code from an authenticator app, or its
 * enrolment when the realm requires one and the account has none yet; and enrolment
 * from the account page for realms where it is optional. Codes are throttled like
 * passwords, and each code works once.
 */
@Controller
final class SecondFactorController {

	private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

	private final RealmRegistry realms;

	private final LoginTransactions transactions;

	private final EphemeralStore store;

	private final OtpCredentials credentials;

	private final PersonStore people;

	private final LoginThrottle throttle;

	private final SignInCompletion completion;

	private final AuditLog audit;

	private final JsonMapper json;

	SecondFactorController(RealmRegistry realms, LoginTransactions transactions, EphemeralStore store,
			OtpCredentials credentials, PersonStore people, LoginThrottle throttle, SignInCompletion completion,
			AuditLog audit, JsonMapper json) {
		this.realms = realms;
		this.transactions = transactions;
		this.store = store;
		this.credentials = credentials;
		this.people = people;
		this.throttle = throttle;
		this.completion = completion;
		this.audit = audit;
		this.json = json;
	}

	/** A sign-in whose password was right and whose second step is due. */
	record Pending(String personId, boolean enrol) {
	}

	@GetMapping({ "/realms/{realm}/login/otp", "/realms/{realm}/login/otp-setup" })
	String page(@PathVariable String realm, @RequestParam(name = "tx", defaultValue = "") String tx, Model model,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		Optional<Step> step = step(realm, tx);
		if (step.isEmpty()) {
			ErrorPages.send(request, response, 400, "login-expired", "no pending second factor");
			return null;
		}
		return render(model, step.get(), null);
	}

	@PostMapping({ "/realms/{realm}/login/otp", "/realms/{realm}/login/otp-setup" })
	String verify(@PathVariable String realm, @RequestParam(name = "tx", defaultValue = "") String tx,
			@RequestParam(name = "code", defaultValue = "") String code, Model model, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		Optional<Step> found = step(realm, tx);
		if (found.isEmpty()) {
			ErrorPages.send(request, response, 400, "login-expired", "no pending second factor");
			return null;
		}
		Step step = found.get();
		String account = "otp:" + step.pending().personId();
		ThrottleDecision decision = this.throttle.check(realm, account, request.getRemoteAddr());
		if (!decision.allowed()) {
			response.setStatus(429);
			response.setHeader("Retry-After", Long.toString(Math.max(1, decision.retryAfter().toSeconds())));
			model.addAttribute("retryAfter", Math.max(1, decision.retryAfter().toSeconds()));
			return render(model, step, "otp.error.throttled");
		}
		String digits = code.replaceAll("\\s", "");
		if (!this.credentials.spend(step.pending().personId(), digits)) {
			this.throttle.recordFailure(realm, account, request.getRemoteAddr());
			this.audit.record(AuditLog.from(AuditEvent.failure("LOGIN_OTP", realm)
				.actor(step.pending().personId())
				.with(Map.of("method", "otp", "enrolment", Boolean.toString(step.pending().enrol()))), request));
			response.setStatus(401);
			return render(model, step, "otp.error.invalid");
		}
		this.throttle.recordSuccess(realm, account);
		this.store.delete(key(tx));
		this.audit.record(AuditLog.from(AuditEvent.success(step.pending().enrol() ? "OTP_ENROLLED" : "LOGIN_OTP", realm)
			.actor(step.pending().personId())
			.with(Map.of("method", "otp")), request));
		return "redirect:" + this.completion.complete(step.realm(), step.transaction(), step.pending().personId(),
				AuthenticationLevels.LOCAL_PASSWORD_OTP, List.of("pwd", "otp"), request, response);
	}

	@GetMapping("/realms/{realm}/account/otp")
	String account(@PathVariable String realm, Model model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		Optional<PersonAuthentication> person = signedIn(realm);
		if (person.isEmpty()) {
			ErrorPages.send(request, response, 401, "forbidden", "not signed in");
			return null;
		}
		Realm found = this.realms.find(realm).orElseThrow();
		model.addAttribute("realm", found);
		if (this.credentials.enrolled(person.get().personId())) {
			model.addAttribute("enrolled", true);
			return "account-otp";
		}
		String secret = this.credentials.find(person.get().personId()).map(OtpCredentials.Credential::secret)
			.orElseGet(() -> this.credentials.begin(realm, person.get().personId()));
		addSecret(model, found, person.get().personId(), secret);
		return "account-otp";
	}

	@PostMapping("/realms/{realm}/account/otp")
	String confirm(@PathVariable String realm, @RequestParam(name = "code", defaultValue = "") String code,
			Model model, HttpServletRequest request, HttpServletResponse response) throws Exception {
		Optional<PersonAuthentication> person = signedIn(realm);
		if (person.isEmpty()) {
			ErrorPages.send(request, response, 401, "forbidden", "not signed in");
			return null;
		}
		Realm found = this.realms.find(realm).orElseThrow();
		model.addAttribute("realm", found);
		if (this.credentials.spend(person.get().personId(), code.replaceAll("\\s", ""))) {
			this.audit.record(AuditLog.from(AuditEvent.success("OTP_ENROLLED", realm).actor(person.get().personId()),
					request));
			model.addAttribute("enrolled", true);
			model.addAttribute("justEnrolled", true);
			return "account-otp";
		}
		response.setStatus(401);
		this.credentials.find(person.get().personId())
			.ifPresent((credential) -> addSecret(model, found, person.get().personId(), credential.secret()));
		model.addAttribute("error", "otp.error.invalid");
		return "account-otp";
	}

	/** Called by the password step when a second step is due. */
	static String pendingKey(String tx) {
		return key(tx);
	}

	private record Step(Realm realm, LoginTransaction transaction, Pending pending) {
	}

	private Optional<Step> step(String realm, String tx) {
		Optional<Realm> found = this.realms.find(realm);
		Optional<LoginTransaction> transaction = found.flatMap((r) -> this.transactions.find(realm, tx));
		if (transaction.isEmpty()) {
			return Optional.empty();
		}
		return this.store.get(key(tx))
			.map((value) -> this.json.readValue(value, Pending.class))
			.map((pending) -> new Step(found.get(), transaction.get(), pending));
	}

	private String render(Model model, Step step, String error) {
		model.addAttribute("realm", step.realm());
		model.addAttribute("tx", step.transaction().id());
		model.addAttribute("error", error);
		if (step.pending().enrol()) {
			this.credentials.find(step.pending().personId())
				.ifPresent((credential) -> addSecret(model, step.realm(), step.pending().personId(), credential.secret()));
			return "otp-setup";
		}
		return "otp";
	}

	private void addSecret(Model model, Realm realm, String personId, String secret) {
		String account = this.people.findById(realm.name(), personId)
			.flatMap((Person p) -> p.email().or(p::phone))
			.orElse(personId);
		model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
		model.addAttribute("otpauth", Totp.uri(realm.displayName("vi"), account, secret));
	}

	private static Optional<PersonAuthentication> signedIn(String realm) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication instanceof PersonAuthentication person && person.realm().equals(realm)
				? Optional.of(person) : Optional.empty();
	}

	private static String key(String tx) {
		return "second-factor:" + tx;
	}

	static Duration pendingLifetime() {
		return PENDING_LIFETIME;
	}

}
