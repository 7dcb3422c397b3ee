package vn.haiphong.hpid.broker;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseCookie;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import vn.haiphong.hpid.audit.AuditEvent;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.identity.IdentityResolver;
import vn.haiphong.hpid.identity.LegacyPersonalIdClaims;
import vn.haiphong.hpid.identity.Resolution;
import vn.haiphong.hpid.login.LoginTransactions;
import vn.haiphong.hpid.login.LoginTransactions.LoginTransaction;
import vn.haiphong.hpid.login.PersonAuthentication;
import vn.haiphong.hpid.login.RequiredLevels;
import vn.haiphong.hpid.login.SignInCompletion;
import vn.haiphong.hpid.oidc.Issuers;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.realm.UpstreamRegistration;
import vn.haiphong.hpid.security.Hashes;
import vn.haiphong.hpid.spi.CallbackRequest;
import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.SignInRequest;
import vn.haiphong.hpid.spi.SignInResult;
import vn.haiphong.hpid.spi.SignInStart;
import vn.haiphong.hpid.spi.SignInUnavailableException;
import vn.haiphong.hpid.spi.UpstreamIdentityProvider;
import vn.haiphong.hpid.web.ErrorPages;

/**
 * Sign-in through an upstream identity provider (VNeID first):
 * {@code /realms/{realm}/broker/{alias}/login} sends the browser there, and
 * {@code /realms/{realm}/broker/{alias}/endpoint} takes it back, resolves the verified
 * identity to a person ({@link IdentityResolver}) and completes the login transaction at
 * the level achieved. Every failure ends on a page with a reference id that is also in
 * the audit log.
 */
@Controller
final class BrokerController {

	static final String BINDING_COOKIE = "HPID_BROKER";

	private final RealmRegistry realms;

	private final UpstreamConnectors connectors;

	private final BrokerTransactions pending;

	private final LoginTransactions logins;

	private final IdentityResolver resolver;

	private final PersonStore people;

	private final SignInCompletion completion;

	private final Issuers issuers;

	private final AuditLog audit;

	BrokerController(RealmRegistry realms, UpstreamConnectors connectors, BrokerTransactions pending,
			LoginTransactions logins, IdentityResolver resolver, PersonStore people, SignInCompletion completion,
			Issuers issuers, AuditLog audit) {
		this.realms = realms;
		this.connectors = connectors;
		this.pending = pending;
		this.logins = logins;
		this.resolver = resolver;
		this.people = people;
		this.completion = completion;
		this.issuers = issuers;
		this.audit = audit;
	}

	/** Sign in with the upstream: plain GET, so the button is a link. */
	@GetMapping("/realms/{realm}/broker/{alias}/login")
	void signIn(@PathVariable String realm, @PathVariable String alias,
			@RequestParam(name = "tx", required = false) String tx, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		start(realm, alias, tx, false, request, response);
	}

	/**
	 * Link the signed-in account to the identity the upstream will vouch for: a form with a
	 * CSRF token, so no other site can start a link in this browser.
	 */
	@PostMapping("/realms/{realm}/broker/{alias}/login")
	void link(@PathVariable String realm, @PathVariable String alias,
			@RequestParam(name = "tx", required = false) String tx, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		start(realm, alias, tx, true, request, response);
	}

	private void start(String realmName, String alias, String tx, boolean link, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Optional<Realm> realm = this.realms.find(realmName);
		Optional<UpstreamRegistration> upstream = realm.flatMap((r) -> r.upstream(alias));
		Optional<UpstreamIdentityProvider> connector = this.connectors.find(realmName, alias);
		if (realm.isEmpty() || upstream.isEmpty() || connector.isEmpty()) {
			ErrorPages.send(request, response, 404, "not-found", "unknown realm or upstream");
			return;
		}
		Optional<LoginTransaction> login = this.logins.find(realmName, tx);
		if (login.isEmpty()) {
			ErrorPages.send(request, response, 400, "login-expired", "no or expired login transaction");
			return;
		}
		LevelOfAssurance level = RequiredLevels.of(realm.get(), login.get()).orElse(LevelOfAssurance.lowest());
		Optional<PersonAuthentication> owner = link ? signedIn(realmName) : Optional.empty();
		URI callback = URI.create(this.issuers.baseUrl(request) + "/realms/" + realmName + "/broker/" + alias
				+ "/endpoint");
		SignInStart start;
		try {
			start = connector.get().start(new SignInRequest(callback, level));
		}
		catch (SignInUnavailableException ex) {
			fail(realm.get(), alias, login, ex.kind(), ex.getMessage(), request, response);
			return;
		}
		String binding = this.pending.save(realmName, login.get().id(), start.transaction(),
				upstream.get().transactionLifetime(), owner.map(PersonAuthentication::personId).orElse(null),
				owner.map(PersonAuthentication::sid).orElse(null));
		response.addHeader("Set-Cookie", bindingCookie(realmName, binding, request, null).toString());
		response.sendRedirect(start.redirectUri().toString());
	}

	/** The upstream's callback. The query is read raw: VNeID's codes hold '+' (see {@link CallbackRequest}). */
	@GetMapping("/realms/{realm}/broker/{alias}/endpoint")
	void callback(@PathVariable String realm, @PathVariable String alias, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Optional<Realm> found = this.realms.find(realm);
		Optional<UpstreamIdentityProvider> connector = this.connectors.find(realm, alias);
		if (found.isEmpty() || connector.isEmpty()) {
			ErrorPages.send(request, response, 404, "not-found", "unknown realm or upstream");
			return;
		}
		CallbackRequest callback = new CallbackRequest(request.getQueryString());
		String cookie = bindingCookieValue(request);
		response.addHeader("Set-Cookie", bindingCookie(realm, "", request, Duration.ZERO).toString());
		Optional<BrokerTransactions.Pending> started = this.pending.take(callback.parameter("state").orElse(null));
		if (started.isEmpty()) {
			fail(found.get(), alias, Optional.empty(), FailureKind.STATE_MISMATCH,
					"no pending sign-in for this state: forged, replayed or long expired", request, response);
			return;
		}
		BrokerTransactions.Pending pendingSignIn = started.get();
		Optional<LoginTransaction> login = this.logins.find(realm, pendingSignIn.loginTx());
		if (!pendingSignIn.realm().equals(realm) || !pendingSignIn.alias().equals(alias)) {
			fail(found.get(), alias, login, FailureKind.STATE_MISMATCH, "state of another realm or upstream", request,
					response);
			return;
		}
		if (cookie == null || !java.security.MessageDigest.isEqual(Hashes.sha256(cookie).getBytes(),
				pendingSignIn.browserBinding().getBytes())) {
			fail(found.get(), alias, login, FailureKind.STATE_MISMATCH,
					"callback arrived in another browser than the one that started the sign-in", request, response);
			return;
		}
		if (login.isEmpty()) {
			fail(found.get(), alias, login, FailureKind.EXPIRED_TRANSACTION, "the login transaction has expired",
					request, response);
			return;
		}
		SignInResult result = connector.get().finish(pendingSignIn.transaction(), callback);
		if (result instanceof SignInResult.Failed failed) {
			fail(found.get(), alias, login, failed.kind(), failed.detail(), request, response);
			return;
		}
		SignInResult.Verified verified = (SignInResult.Verified) result;
		Optional<String> linkTo = Optional.empty();
		if (pendingSignIn.linkPersonId() != null) {
			// The owner asked to link while signed in; the same session must still be this browser's.
			Optional<PersonAuthentication> owner = signedIn(realm)
				.filter((p) -> p.sid().equals(pendingSignIn.linkSid())
						&& p.personId().equals(pendingSignIn.linkPersonId()));
			if (owner.isEmpty()) {
				fail(found.get(), alias, login, FailureKind.STATE_MISMATCH,
						"the account to link is no longer signed in in this browser", request, response);
				return;
			}
			linkTo = Optional.of(owner.get().personId());
		}
		Resolution resolution = this.resolver.resolve(realm, verified.identity(), linkTo, request.getRemoteAddr());
		if (resolution instanceof Resolution.Refused refused) {
			refuse(found.get(), alias, login.get(), linkTo, refused.reason(), request, response);
			return;
		}
		Resolution.SignedIn signedIn = (Resolution.SignedIn) resolution;
		Optional<Person> person = this.people.findById(realm, signedIn.personId()).filter(Person::active);
		if (person.isEmpty()) {
			String reference = ErrorPages.newReference();
			this.audit.record(AuditLog.from(AuditEvent.failure("LOGIN", realm)
				.actor(signedIn.personId())
				.client(clientOf(login.get()))
				.with(Map.of("method", alias, "reason", "disabled-account", "reference", reference)), request));
			ErrorPages.send(request, response, 403, "forbidden", "the person is disabled", reference, null);
			return;
		}
		String acr = verified.identity().level().acr();
		if (signedIn.outcome() == Resolution.Outcome.LINKED) {
			Map<String, String> details = new LinkedHashMap<>(Map.of("provider", alias, "level", acr));
			if (signedIn.legacyClaim() != LegacyPersonalIdClaims.Check.UNCHECKED) {
				details.put("legacyPersonalId", signedIn.legacyClaim().name());
			}
			this.audit.record(AuditLog.from(AuditEvent.success("IDENTITY_LINK", realm)
				.actor(signedIn.personId())
				.target(signedIn.personId())
				.with(details), request));
		}
		this.audit.record(AuditLog.from(AuditEvent.success("LOGIN", realm)
			.actor(signedIn.personId())
			.client(clientOf(login.get()))
			.with(Map.of("method", alias, "acr", acr, "resolution", signedIn.outcome().name())), request));
		response.sendRedirect(this.completion.complete(found.get(), login.get(), signedIn.personId(), acr,
				List.of(alias), request, response));
	}

	private void refuse(Realm realm, String alias, LoginTransaction login, Optional<String> linkTo,
			Resolution.Reason reason, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (reason == Resolution.Reason.NO_PERSONAL_ID) {
			fail(realm, alias, Optional.of(login), FailureKind.MISSING_PERSONAL_ID,
					"the verified identity has no personal ID number", request, response);
			return;
		}
		String reference = ErrorPages.newReference();
		this.audit.record(AuditLog.from(AuditEvent.failure("IDENTITY_LINK", realm.name())
			.actor(linkTo.orElse(null))
			.client(clientOf(login))
			.with(Map.of("provider", alias, "reason", reason.name(), "reference", reference)), request));
		ErrorPages.send(request, response, 409, "identity-conflict", "link refused: " + reason, reference,
				loginPage(realm, login));
	}

	private void fail(Realm realm, String alias, Optional<LoginTransaction> login, FailureKind kind, String detail,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		FailurePages page = FailurePages.of(kind);
		String reference = ErrorPages.newReference();
		Map<String, String> details = new LinkedHashMap<>();
		details.put("method", alias);
		details.put("kind", kind.name());
		details.put("reference", reference);
		details.put("detail", detail);
		this.audit.record(AuditLog.from(AuditEvent.failure("LOGIN", realm.name())
			.client(login.map(BrokerController::clientOf).orElse(null))
			.with(details), request));
		ErrorPages.send(request, response, page.status, page.key, kind + ": " + detail, reference,
				login.map((l) -> loginPage(realm, l)).orElse(null));
	}

	/** Back to the sign-in page of the same transaction: local sign-in keeps working when an upstream fails. */
	private static String loginPage(Realm realm, LoginTransaction login) {
		return "/realms/" + realm.name() + "/login?tx=" + login.id();
	}

	private static Optional<PersonAuthentication> signedIn(String realm) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		return current instanceof PersonAuthentication person && person.realm().equals(realm) ? Optional.of(person)
				: Optional.empty();
	}

	private static String clientOf(LoginTransaction transaction) {
		return org.springframework.web.util.UriComponentsBuilder.fromUriString(transaction.continueTo())
			.build()
			.getQueryParams()
			.getFirst("client_id");
	}

	private ResponseCookie bindingCookie(String realm, String value, HttpServletRequest request, Duration maxAge) {
		return ResponseCookie.from(BINDING_COOKIE, value)
			.path("/realms/" + realm + "/broker/")
			.httpOnly(true)
			.secure(this.issuers.secure(request))
			.sameSite("Lax")
			.maxAge(maxAge == null ? Duration.ofMinutes(35) : maxAge)
			.build();
	}

	private static String bindingCookieValue(HttpServletRequest request) {
		if (request.getCookies() == null) {
			return null;
		}
		for (Cookie cookie : request.getCookies()) {
			if (BINDING_COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
				return cookie.getValue();
			}
		}
		return null;
	}

}
