package vn.haiphong.hpid.admin.people;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.haiphong.hpid.admin.AdminAccess;
import vn.haiphong.hpid.admin.AdminAudit;
import vn.haiphong.hpid.admin.AdminAuthorization;
import vn.haiphong.hpid.admin.AdminPermission;
import vn.haiphong.hpid.admin.AdminProblem;
import vn.haiphong.hpid.admin.people.PersonViews.LinkView;
import vn.haiphong.hpid.admin.people.PersonViews.PersonDetail;
import vn.haiphong.hpid.admin.people.PersonViews.PersonView;
import vn.haiphong.hpid.identity.LegacyPersonalIdClaims;
import vn.haiphong.hpid.identity.VerifiedIdentities;
import vn.haiphong.hpid.identity.VerifiedPerson;
import vn.haiphong.hpid.login.LoginThrottle;
import vn.haiphong.hpid.oidc.Issuers;
import vn.haiphong.hpid.oidc.PersonSessions;
import vn.haiphong.hpid.person.LoginIdentifiers;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.secondfactor.OtpCredentials;
import vn.haiphong.hpid.spi.PersonalIdNumber;

/**
 * Finding and helping people of a realm: search, view (links, credentials metadata,
 * sessions), unlock, force sign-out, and the decisions that change who may sign in as
 * whom (disable, enable, unlink with a reason). Every write is audited with before/after.
 */
@RestController
class PeopleController {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	private final AdminAuthorization authorization;

	private final AdminAudit audit;

	private final RealmRegistry realms;

	private final PersonStore people;

	private final VerifiedIdentities identities;

	private final LegacyPersonalIdClaims legacyClaims;

	private final LoginThrottle throttle;

	private final PersonSessions sessions;

	private final Issuers issuers;

	private final PersonViews views;

	PeopleController(AdminAuthorization authorization, AdminAudit audit, RealmRegistry realms, PersonStore people,
			VerifiedIdentities identities, LegacyPersonalIdClaims legacyClaims, OtpCredentials otp,
			LoginThrottle throttle, PersonSessions sessions, Issuers issuers) {
		this.authorization = authorization;
		this.audit = audit;
		this.realms = realms;
		this.people = people;
		this.identities = identities;
		this.legacyClaims = legacyClaims;
		this.throttle = throttle;
		this.sessions = sessions;
		this.issuers = issuers;
		this.views = new PersonViews(identities, legacyClaims, otp, throttle);
	}

	/** Body of an unlink: why the link is removed, for the audit trail. */
	record UnlinkRequest(String reason) {
	}

	record SignOutResult(List<String> sessionsEnded, int grantsRevoked) {
	}

	@GetMapping("/admin/api/realms/{realm}/people")
	List<PersonView> search(@PathVariable String realm, @RequestParam Optional<String> nationalId,
			@RequestParam Optional<String> email, @RequestParam Optional<String> phone,
			@RequestParam Optional<String> name, @RequestParam Optional<String> q,
			@RequestParam Optional<Integer> limit) {
		this.authorization.require(AdminPermission.PEOPLE_READ, realm);
		boolean unmasked = this.authorization.allows(AdminPermission.NATIONAL_ID_UNMASKED, realm);
		int max = limit.orElse(DEFAULT_LIMIT);
		if (max < 1 || max > MAX_LIMIT) {
			throw AdminProblem.invalid("limit", "must be between 1 and " + MAX_LIMIT);
		}
		List<Person> found = new ArrayList<>();
		if (nationalId.isPresent()) {
			found.addAll(byNationalId(realm, nationalId.get(), "nationalId", max));
		}
		else if (email.isPresent()) {
			found.addAll(byLogin(realm, email.get(), "email", true).stream().toList());
		}
		else if (phone.isPresent()) {
			found.addAll(byLogin(realm, phone.get(), "phone", false).stream().toList());
		}
		else if (name.isPresent()) {
			found.addAll(byName(realm, name.get(), "name", max));
		}
		else if (q.isPresent()) {
			found.addAll(byAnything(realm, q.get(), max));
		}
		else {
			throw AdminProblem.invalid("q", "give one of nationalId, email, phone, name or q");
		}
		List<PersonView> views = found.stream().limit(max).map((p) -> this.views.summary(p, unmasked)).toList();
		if (unmasked) {
			List<String> disclosed = views.stream()
				.filter((v) -> v.nationalId() != null || v.legacyNationalId() != null)
				.map(PersonView::id)
				.toList();
			if (!disclosed.isEmpty()) {
				recordDisclosure(realm, disclosed);
			}
		}
		return views;
	}

	@GetMapping("/admin/api/realms/{realm}/people/{id}")
	PersonDetail person(@PathVariable String realm, @PathVariable String id) {
		this.authorization.require(AdminPermission.PEOPLE_READ, realm);
		boolean unmasked = this.authorization.allows(AdminPermission.NATIONAL_ID_UNMASKED, realm);
		PersonDetail detail = this.views.detail(find(realm, id), unmasked);
		if (unmasked && (detail.nationalId() != null || detail.legacyPersonalId() != null)) {
			recordDisclosure(realm, List.of(detail.id()));
		}
		return detail;
	}

	/**
	 * Personal ID numbers shown in full are personal data disclosed to an administrator
	 * (Law 91/2025): who saw whose number, and when, is kept in the audit trail.
	 */
	private void recordDisclosure(String realm, List<String> personIds) {
		this.audit.record("ADMIN_PERSONAL_ID_VIEW", realm, personIds.size() == 1 ? personIds.get(0) : null, null,
				null, Map.of("people", String.join(" ", personIds)));
	}

	@GetMapping("/admin/api/realms/{realm}/people/{id}/sessions")
	List<PersonSessions.Session> sessions(@PathVariable String realm, @PathVariable String id) {
		this.authorization.require(AdminPermission.PEOPLE_READ, realm);
		Person person = find(realm, id);
		return this.sessions.list(realmOf(realm), person.id());
	}

	@PostMapping("/admin/api/realms/{realm}/people/{id}/disable")
	PersonDetail disable(@PathVariable String realm, @PathVariable String id, HttpServletRequest request) {
		return changeStatus(realm, id, Person.Status.DISABLED, request);
	}

	@PostMapping("/admin/api/realms/{realm}/people/{id}/enable")
	PersonDetail enable(@PathVariable String realm, @PathVariable String id, HttpServletRequest request) {
		return changeStatus(realm, id, Person.Status.ACTIVE, request);
	}

	@PostMapping("/admin/api/realms/{realm}/people/{id}/unlock")
	PersonDetail unlock(@PathVariable String realm, @PathVariable String id) {
		this.authorization.require(AdminPermission.PEOPLE_SUPPORT, realm);
		Person person = find(realm, id);
		long lockedFor = this.views.lockedFor(person).toSeconds();
		for (String account : PersonViews.accounts(person)) {
			this.throttle.clearAccount(realm, account);
		}
		this.audit.record("ADMIN_PERSON_UNLOCK", realm, person.id(), Map.of("locked", lockedFor > 0),
				Map.of("locked", false), Map.of());
		return this.views.detail(person, this.authorization.allows(AdminPermission.NATIONAL_ID_UNMASKED, realm));
	}

	@PostMapping("/admin/api/realms/{realm}/people/{id}/sign-out")
	SignOutResult signOut(@PathVariable String realm, @PathVariable String id, HttpServletRequest request) {
		this.authorization.require(AdminPermission.PEOPLE_SUPPORT, realm);
		Person person = find(realm, id);
		PersonSessions.SignOut ended = this.sessions.signOut(realmOf(realm), this.issuers.issuer(request, realm),
				person.id());
		this.audit.record("ADMIN_PERSON_SIGN_OUT", realm, person.id(), null, null,
				Map.of("sessions", String.join(" ", ended.sessions()), "grantsRevoked",
						Integer.toString(ended.grantsRevoked())));
		return new SignOutResult(ended.sessions(), ended.grantsRevoked());
	}

	@PostMapping("/admin/api/realms/{realm}/people/{id}/links/{linkId}/unlink")
	@AdminAccess(AdminPermission.PEOPLE_WRITE)
	PersonDetail unlink(@PathVariable String realm, @PathVariable String id, @PathVariable String linkId,
			@RequestBody(required = false) UnlinkRequest body, HttpServletRequest request) {
		this.authorization.require(AdminPermission.PEOPLE_WRITE, realm);
		String reason = body == null || body.reason() == null ? "" : body.reason().strip();
		if (reason.isEmpty()) {
			throw AdminProblem.invalid("reason", "is required: say why the link is removed");
		}
		if (reason.length() > 500) {
			throw AdminProblem.invalid("reason", "must be at most 500 characters");
		}
		Person person = find(realm, id);
		VerifiedPerson link = this.identities.findByPerson(realm, person.id())
			.filter((v) -> v.provider().equals(linkId))
			.orElseThrow(() -> AdminProblem.notFound("The person has no link " + linkId));
		LinkView before = this.views.link(link, false);
		this.identities.unlink(realm, person.id());
		// Sessions and tokens were issued on the strength of that identity (its level, its
		// verified claims): they end with it. A link is usually removed because it was wrong.
		PersonSessions.SignOut ended = this.sessions.signOut(realmOf(realm), this.issuers.issuer(request, realm),
				person.id());
		this.audit.record("ADMIN_PERSON_UNLINK", realm, person.id(), before, null, Map.of("reason", reason,
				"link", linkId, "sessionsEnded", Integer.toString(ended.sessions().size()), "grantsRevoked",
				Integer.toString(ended.grantsRevoked())));
		return this.views.detail(person, this.authorization.allows(AdminPermission.NATIONAL_ID_UNMASKED, realm));
	}

	private PersonDetail changeStatus(String realm, String id, Person.Status status, HttpServletRequest request) {
		this.authorization.require(AdminPermission.PEOPLE_WRITE, realm);
		Person person = find(realm, id);
		boolean unmasked = this.authorization.allows(AdminPermission.NATIONAL_ID_UNMASKED, realm);
		if (person.status() == status) {
			return this.views.detail(person, unmasked);
		}
		PersonView before = this.views.summary(person, false);
		this.people.updateStatus(realm, person.id(), status);
		Map<String, String> details = new LinkedHashMap<>();
		if (status == Person.Status.DISABLED) {
			// A disabled person keeps no session and no token: they end now, not at expiry.
			PersonSessions.SignOut ended = this.sessions.signOut(realmOf(realm), this.issuers.issuer(request, realm),
					person.id());
			details.put("sessionsEnded", Integer.toString(ended.sessions().size()));
			details.put("grantsRevoked", Integer.toString(ended.grantsRevoked()));
		}
		Person after = find(realm, id);
		this.audit.record(status == Person.Status.DISABLED ? "ADMIN_PERSON_DISABLE" : "ADMIN_PERSON_ENABLE", realm,
				person.id(), before, this.views.summary(after, false), details);
		return this.views.detail(after, unmasked);
	}

	/**
	 * The person whose verified identity has the number, first, then the imported accounts
	 * whose legacy records claimed it (unverified; each result says which it is).
	 */
	private List<Person> byNationalId(String realm, String value, String field, int limit) {
		PersonalIdNumber number;
		try {
			number = PersonalIdNumber.parse(value.strip());
		}
		catch (RuntimeException ex) {
			throw AdminProblem.invalid(field, "is not a valid 12-digit personal identification number");
		}
		Map<String, Person> found = new LinkedHashMap<>();
		this.identities.findByPersonalId(realm, number)
			.flatMap((v) -> this.people.findById(realm, v.personId()))
			.ifPresent((p) -> found.put(p.id(), p));
		for (LegacyPersonalIdClaims.Claim claim : this.legacyClaims.findByPersonalId(realm, number.value(), limit)) {
			if (!found.containsKey(claim.personId())) {
				this.people.findById(realm, claim.personId()).ifPresent((p) -> found.put(p.id(), p));
			}
		}
		return new ArrayList<>(found.values());
	}

	private Optional<Person> byLogin(String realm, String value, String field, boolean email) {
		Optional<String> normalized = email ? LoginIdentifiers.normalizeEmail(value)
				: LoginIdentifiers.normalizePhone(value);
		if (normalized.isEmpty()) {
			throw AdminProblem.invalid(field, email ? "is not an e-mail address" : "is not a phone number");
		}
		return this.people.findByLogin(realm, normalized.get());
	}

	private List<Person> byName(String realm, String value, String field, int limit) {
		String text = value.strip();
		if (text.length() < 2 || text.length() > 200) {
			throw AdminProblem.invalid(field, "must have 2 to 200 characters");
		}
		return this.people.searchByName(realm, text, limit);
	}

	/** The free-text box of the console: a number, an e-mail address, a phone number, or a name. */
	private List<Person> byAnything(String realm, String value, int limit) {
		String text = value.strip();
		if (text.matches("[0-9]{12}")) {
			return byNationalId(realm, text, "q", limit);
		}
		if (LoginIdentifiers.normalizeEmail(text).isPresent()) {
			return byLogin(realm, text, "q", true).stream().toList();
		}
		if (text.matches("\\+?[0-9 ().-]{6,}") && LoginIdentifiers.normalizePhone(text).isPresent()) {
			return byLogin(realm, text, "q", false).stream().toList();
		}
		return byName(realm, text, "q", limit);
	}

	private Person find(String realm, String id) {
		return this.people.findById(realm, id)
			.orElseThrow(() -> AdminProblem.notFound("There is no person " + id + " in the realm " + realm));
	}

	private Realm realmOf(String realm) {
		return this.realms.find(realm).orElseThrow(() -> AdminProblem.notFound("There is no realm " + realm));
	}

}
