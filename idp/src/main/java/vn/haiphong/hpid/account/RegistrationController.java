package vn.haiphong.hpid.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import vn.haiphong.hpid.login.LoginTransactions;
import vn.haiphong.hpid.login.LoginTransactions.LoginTransaction;
import vn.haiphong.hpid.login.SignInCompletion;
import vn.haiphong.hpid.person.LoginIdentifiers;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.secondfactor.SecondFactorStep;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.web.ErrorPages;

/**
 * Self-registration of a local account, when the realm allows it. A local account is a
 * convenience account: it becomes a verified identity only by a later VNeID link.
 */
@Controller
final class RegistrationController {

	private final RealmRegistry realms;

	private final LoginTransactions transactions;

	private final PersonStore people;

	private final PasswordHasher hasher;

	private final PasswordPolicy policy;

	private final SignInCompletion completion;

	private final SecondFactorStep secondFactor;

	RegistrationController(RealmRegistry realms, LoginTransactions transactions, PersonStore people,
			PasswordHasher hasher, PasswordPolicy policy, SignInCompletion completion, SecondFactorStep secondFactor) {
		this.secondFactor = secondFactor;
		this.realms = realms;
		this.transactions = transactions;
		this.people = people;
		this.hasher = hasher;
		this.policy = policy;
		this.completion = completion;
	}

	@GetMapping("/realms/{realm}/register")
	String page(@PathVariable String realm, @RequestParam(name = "tx", required = false) String tx, Model model,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		Optional<Realm> found = this.realms.find(realm).filter(Realm::selfRegistration);
		Optional<LoginTransaction> transaction = found.flatMap((r) -> this.transactions.find(realm, tx));
		if (found.isEmpty()) {
			ErrorPages.send(request, response, 404, "not-found", "registration is off in realm " + realm);
			return null;
		}
		if (transaction.isEmpty()) {
			ErrorPages.send(request, response, 400, "login-expired", "no or expired login transaction");
			return null;
		}
		return render(model, found.get(), transaction.get(), "", "", "", List.of());
	}

	@PostMapping("/realms/{realm}/register")
	String register(@PathVariable String realm, @RequestParam(name = "tx", required = false) String tx,
			@RequestParam(name = "name", defaultValue = "") String name,
			@RequestParam(name = "identifier", defaultValue = "") String identifier,
			@RequestParam(name = "password", defaultValue = "") String password,
			@RequestParam(name = "confirm", defaultValue = "") String confirm, Model model,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		Optional<Realm> found = this.realms.find(realm).filter(Realm::selfRegistration);
		Optional<LoginTransaction> transaction = found.flatMap((r) -> this.transactions.find(realm, tx));
		if (found.isEmpty() || transaction.isEmpty()) {
			ErrorPages.send(request, response, found.isEmpty() ? 404 : 400,
					found.isEmpty() ? "not-found" : "login-expired", "registration unavailable");
			return null;
		}
		String displayName = name.strip();
		Optional<String> email = LoginIdentifiers.normalizeEmail(identifier);
		Optional<String> phone = email.isPresent() ? Optional.empty() : LoginIdentifiers.normalizePhone(identifier);
		List<String> errors = new ArrayList<>();
		if (displayName.isEmpty() || displayName.length() > 200) {
			errors.add("register.error.name");
		}
		if (email.isEmpty() && phone.isEmpty()) {
			errors.add("register.error.identifier");
		}
		if (!password.equals(confirm)) {
			errors.add("register.error.confirm");
		}
		List<String> names = new ArrayList<>();
		email.ifPresent(names::add);
		phone.ifPresent((p) -> {
			names.add(p);
			names.add("0" + p.substring(3));
		});
		if (!displayName.isEmpty()) {
			names.add(displayName);
		}
		for (PasswordProblem problem : this.policy.check(password, found.get().passwordPolicy(), names)) {
			errors.add(problem.messageKey());
		}
		String shownIdentifier = identifier.length() > 320 ? "" : identifier.strip();
		String shownName = displayName.length() > 200 ? "" : displayName;
		if (!errors.isEmpty()) {
			response.setStatus(400);
			return render(model, found.get(), transaction.get(), shownName, shownIdentifier, "", errors);
		}
		String personId;
		try {
			personId = this.people
				.create(realm, email, phone, Optional.of(displayName), this.hasher.hash(password))
				.id();
		}
		catch (PersonStore.AlreadyRegisteredException ex) {
			response.setStatus(409);
			return render(model, found.get(), transaction.get(), shownName, shownIdentifier, "",
					List.of("register.error.taken"));
		}
		Optional<String> secondStep = this.secondFactor.due(found.get(), transaction.get().id(), personId);
		if (secondStep.isPresent()) {
			// A realm that requires a second factor has the new account enrol one now.
			return "redirect:" + secondStep.get();
		}
		return "redirect:" + this.completion.complete(found.get(), transaction.get(), personId,
				vn.haiphong.hpid.oidc.AuthenticationLevels.LOCAL_PASSWORD, java.util.List.of("pwd"), request, response);
	}

	private static String render(Model model, Realm realm, LoginTransaction transaction, String name,
			String identifier, String unused, List<String> errors) {
		model.addAttribute("realm", realm);
		model.addAttribute("tx", transaction.id());
		model.addAttribute("name", name);
		model.addAttribute("identifier", identifier);
		model.addAttribute("errors", errors);
		model.addAttribute("minLength", realm.passwordPolicy().minLength());
		return "register";
	}

}
