package vn.haiphong.hpid.identity;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import vn.haiphong.hpid.account.PasswordHasher;
import vn.haiphong.hpid.audit.AuditEvent;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.login.LoginThrottle;
import vn.haiphong.hpid.login.PersonAuthentication;
import vn.haiphong.hpid.login.SsoSessions;
import vn.haiphong.hpid.login.ThrottleDecision;
import vn.haiphong.hpid.oidc.Issuers;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.spi.PersonalIdNumber;
import vn.haiphong.hpid.web.ErrorPages;

/**
 * A person's own view of their verified identity, and its unlinking (rule 7): only with
 * the account's password entered again, audited, and ending this browser's session,
 * whose level came from the identity being removed. The {@code sub} stays; a new link
 * needs a new VNeID sign-in. A person known only through VNeID has no password and
 * nothing to fall back on, so cannot unlink.
 */
@Controller
final class VerifiedIdentityController {

	private final RealmRegistry realms;

	private final PersonStore people;

	private final VerifiedIdentities identities;

	private final IdentityResolver resolver;

	private final PasswordHasher hasher;

	private final LoginThrottle throttle;

	private final SsoSessions sessions;

	private final Issuers issuers;

	private final AuditLog audit;

	VerifiedIdentityController(RealmRegistry realms, PersonStore people, VerifiedIdentities identities,
			IdentityResolver resolver, PasswordHasher hasher, LoginThrottle throttle, SsoSessions sessions,
			Issuers issuers, AuditLog audit) {
		this.realms = realms;
		this.people = people;
		this.identities = identities;
		this.resolver = resolver;
		this.hasher = hasher;
		this.throttle = throttle;
		this.sessions = sessions;
		this.issuers = issuers;
		this.audit = audit;
	}

	@GetMapping("/realms/{realm}/account/identity")
	String page(@PathVariable String realm, Model model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		Optional<Realm> found = this.realms.find(realm);
		Optional<Person> person = found.flatMap((r) -> signedIn(r));
		if (person.isEmpty()) {
			ErrorPages.send(request, response, 401, "login-expired", "no SSO session for the identity page");
			return null;
		}
		return render(model, found.get(), person.get(), null);
	}

	@PostMapping("/realms/{realm}/account/identity/unlink")
	String unlink(@PathVariable String realm, @RequestParam(name = "password", defaultValue = "") String password,
			Model model, HttpServletRequest request, HttpServletResponse response) throws Exception {
		Optional<Realm> found = this.realms.find(realm);
		Optional<Person> signedIn = found.flatMap((r) -> signedIn(r));
		if (signedIn.isEmpty()) {
			ErrorPages.send(request, response, 401, "login-expired", "no SSO session for unlinking");
			return null;
		}
		Person person = signedIn.get();
		if (person.passwordHash().isEmpty() || this.identities.findByPerson(realm, person.id()).isEmpty()) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return render(model, found.get(), person, "identity.unlink.impossible");
		}
		String ip = request.getRemoteAddr();
		ThrottleDecision decision = this.throttle.check(realm, person.id(), ip);
		if (!decision.allowed()) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader("Retry-After", Long.toString(decision.retryAfter().toSeconds()));
			return render(model, found.get(), person, "identity.unlink.throttled");
		}
		if (password.isEmpty() || password.length() > 1024
				|| !this.hasher.matches(password, person.passwordHash().get())) {
			this.throttle.recordFailure(realm, person.id(), ip);
			this.audit.record(AuditLog.from(AuditEvent.failure("IDENTITY_UNLINK", realm)
				.actor(person.id())
				.target(person.id())
				.with(Map.of("reason", "wrong-password")), request));
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			return render(model, found.get(), person, "identity.unlink.wrong-password");
		}
		this.throttle.recordSuccess(realm, person.id());
		this.resolver.unlink(realm, person.id());
		this.audit.record(AuditLog.from(AuditEvent.success("IDENTITY_UNLINK", realm)
			.actor(person.id())
			.target(person.id()), request));
		this.sessions.end(request, response, found.get(), this.issuers.secure(request));
		model.addAttribute("realm", found.get());
		model.addAttribute("unlinked", true);
		return "account-identity";
	}

	private String render(Model model, Realm realm, Person person, String error) {
		Optional<VerifiedPerson> verified = this.identities.findByPerson(realm.name(), person.id());
		model.addAttribute("realm", realm);
		model.addAttribute("verified", verified.orElse(null));
		model.addAttribute("maskedId", verified.map((v) -> PersonalIdNumber.parse(v.personalId()).masked()).orElse(null));
		model.addAttribute("canUnlink", verified.isPresent() && person.passwordHash().isPresent());
		model.addAttribute("error", error);
		return "account-identity";
	}

	private Optional<Person> signedIn(Realm realm) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current instanceof PersonAuthentication person && person.realm().equals(realm.name())) {
			return this.people.findById(realm.name(), person.personId()).filter(Person::active);
		}
		return Optional.empty();
	}

}
