package vn.haiphong.hpid.login;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import vn.haiphong.hpid.broker.UpstreamConnectors;
import vn.haiphong.hpid.identity.VerifiedIdentities;
import vn.haiphong.hpid.realm.UpstreamRegistration;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.account.PasswordHasher;
import vn.haiphong.hpid.audit.AuditEvent;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.secondfactor.SecondFactorStep;
import vn.haiphong.hpid.login.LoginTransactions.LoginTransaction;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.web.ErrorPages;

/**
 * The sign-in page of a realm. One message for every failure ("wrong e-mail, phone or
 * password"), and the same work whether or not the account exists, so neither the page
 * nor its timing tells who has an account. Failures are throttled by a growing delay,
 * never a lockout the owner could suffer from.
 */
@Controller
final class LoginController {

	private final RealmRegistry realms;

	private final LoginTransactions transactions;

	private final PersonStore people;

	private final PasswordHasher hasher;

	private final LoginThrottle throttle;

	private final SignInCompletion completion;

	private final AuditLog audit;

	private final VerifiedIdentities identities;

	private final UpstreamConnectors connectors;

	private final SecondFactorStep secondFactor;

	LoginController(RealmRegistry realms, LoginTransactions transactions, PersonStore people, PasswordHasher hasher,
			LoginThrottle throttle, SignInCompletion completion, AuditLog audit, VerifiedIdentities identities,
			UpstreamConnectors connectors, SecondFactorStep secondFactor) {
		this.connectors = connectors;
		this.secondFactor = secondFactor;
		this.audit = audit;
		this.identities = identities;
		this.realms = realms;
		this.transactions = transactions;
		this.people = people;
		this.hasher = hasher;
		this.throttle = throttle;
		this.completion = completion;
	}

	@GetMapping("/realms/{realm}/login")
	String page(@PathVariable String realm, @RequestParam(name = "tx", required = false) String tx, Model model,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		Optional<Realm> found = this.realms.find(realm);
		if (found.isEmpty()) {
			ErrorPages.send(request, response, 404, "not-found", "unknown realm");
			return null;
		}
		Optional<LoginTransaction> transaction = this.transactions.find(realm, tx);
		if (transaction.isEmpty()) {
			ErrorPages.send(request, response, 400, "login-expired", "no or expired login transaction");
			return null;
		}
		model.addAttribute("identifier", Optional.ofNullable(transaction.get().loginHint()).orElse(""));
		return render(model, found.get(), transaction.get(), null);
	}

	@PostMapping("/realms/{realm}/login")
	String signIn(@PathVariable String realm, @RequestParam(name = "tx", required = false) String tx,
			@RequestParam(name = "identifier", defaultValue = "") String identifier,
			@RequestParam(name = "password", defaultValue = "") String password, Model model,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		Optional<Realm> found = this.realms.find(realm);
		Optional<LoginTransaction> transaction = found.flatMap((r) -> this.transactions.find(realm, tx));
		if (found.isEmpty() || transaction.isEmpty()) {
			ErrorPages.send(request, response, 400, "login-expired", "no or expired login transaction");
			return null;
		}
		String account = identifier.strip();
		model.addAttribute("identifier", account.length() > 320 ? "" : account);
		if (account.isEmpty() || password.isEmpty() || account.length() > 320 || password.length() > 1024) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return render(model, found.get(), transaction.get(), "login.error.missing");
		}
		String ip = request.getRemoteAddr();
		ThrottleDecision decision = this.throttle.check(realm, account, ip);
		if (!decision.allowed()) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader("Retry-After", Long.toString(decision.retryAfter().toSeconds()));
			model.addAttribute("retryAfter", Math.max(1, decision.retryAfter().toSeconds()));
			return render(model, found.get(), transaction.get(), "login.error.throttled");
		}
		Optional<Person> person = this.people.findByLogin(realm, account);
		boolean valid;
		if (person.isPresent() && person.get().passwordHash().isPresent()) {
			valid = this.hasher.matches(password, person.get().passwordHash().get()) && person.get().active();
		}
		else {
			this.hasher.burn(password);
			valid = false;
		}
		if (!valid) {
			this.throttle.recordFailure(realm, account, ip);
			this.audit.record(AuditLog.from(AuditEvent.failure("LOGIN", realm)
				.actor(person.map(Person::id).orElse(null))
				.client(clientOf(transaction.get()))
				.with(Map.of("method", "pwd", "reason", person.isPresent() ? "wrong-password" : "unknown-account")),
					request));
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			return render(model, found.get(), transaction.get(), "login.error.invalid");
		}
		this.throttle.recordSuccess(realm, account);
		Person signedIn = person.get();
		this.audit.record(AuditLog.from(AuditEvent.success("LOGIN", realm)
			.actor(signedIn.id())
			.client(clientOf(transaction.get()))
			.with(Map.of("method", "pwd", "acr", vn.haiphong.hpid.oidc.AuthenticationLevels.LOCAL_PASSWORD)), request));
		if (this.hasher.needsRehash(signedIn.passwordHash().get())) {
			this.people.updatePasswordHash(realm, signedIn.id(), this.hasher.hash(password));
		}
		Optional<String> secondStep = this.secondFactor.due(found.get(), transaction.get().id(), signedIn.id());
		if (secondStep.isPresent()) {
			return "redirect:" + secondStep.get();
		}
		return "redirect:" + this.completion.complete(found.get(), transaction.get(), signedIn.id(),
				vn.haiphong.hpid.oidc.AuthenticationLevels.LOCAL_PASSWORD, java.util.List.of("pwd"), request, response);
	}

	/** The client that asked for this sign-in, read from the authorization request it resumes. */
	static String clientOf(LoginTransaction transaction) {
		return org.springframework.web.util.UriComponentsBuilder.fromUriString(transaction.continueTo())
			.build()
			.getQueryParams()
			.getFirst("client_id");
	}

	private String render(Model model, Realm realm, LoginTransaction transaction, String error) {
		model.addAttribute("realm", realm);
		model.addAttribute("tx", transaction.id());
		model.addAttribute("error", error);
		Optional<LevelOfAssurance> required = RequiredLevels.of(realm, transaction);
		// A local password reaches no level: when the app needs one, only the upstreams can help.
		model.addAttribute("requiredLevel", required.map(LevelOfAssurance::decreeLevel).orElse(null));
		List<UpstreamRegistration> upstreams = this.connectors.enabled(realm.name());
		model.addAttribute("upstreams", upstreams);
		model.addAttribute("localAllowed", required.isEmpty());
		// The owner of a signed-in local account may link it to the identity an upstream vouches for.
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		Optional<Person> owner = current instanceof PersonAuthentication person && person.realm().equals(realm.name())
				? this.people.findById(realm.name(), person.personId()) : Optional.empty();
		boolean linkable = owner.isPresent() && !upstreams.isEmpty()
				&& this.identities.findByPerson(realm.name(), owner.get().id()).isEmpty();
		model.addAttribute("linkAccount", linkable ? owner.get().email().or(() -> owner.get().phone())
			.or(() -> owner.get().displayName()).orElse(owner.get().id()) : null);
		return "login";
	}

}
