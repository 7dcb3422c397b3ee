package vn.haiphong.hpid.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import vn.haiphong.hpid.realm.ClientRegistration;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.security.Hashes;
import vn.haiphong.hpid.store.EphemeralStore;
import vn.haiphong.hpid.web.ErrorPages;

/**
 * The consent screen for clients marked as needing consent, and the sign-out pages.
 * Approving posts back to the authorization endpoint, which checks that the consent
 * belongs to the signed-in person.
 */
@Controller
final class ConsentController {

	private final EphemeralStore ephemeral;

	private final RealmRegistry realms;

	private final JsonMapper json;

	ConsentController(EphemeralStore ephemeral, RealmRegistry realms, JsonMapper json) {
		this.ephemeral = ephemeral;
		this.realms = realms;
		this.json = json;
	}

	@GetMapping("/consent")
	String consent(@RequestParam(name = "state", defaultValue = "") String state, Model model,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		Optional<GrantAuthorizationService.Pending> pending = state.isEmpty() || state.length() > 512 ? Optional.empty()
				: this.ephemeral.get("consent:" + Hashes.sha256(state))
					.map((value) -> this.json.readValue(value, GrantAuthorizationService.Pending.class));
		if (pending.isEmpty()) {
			ErrorPages.send(request, response, 400, "login-expired", "no pending consent");
			return null;
		}
		String[] realmAndClient = pending.get().registeredClientId().split("/", 2);
		Optional<Realm> realm = this.realms.find(realmAndClient[0]);
		Optional<ClientRegistration> client = realm.flatMap((r) -> r.client(realmAndClient[1]));
		if (client.isEmpty()) {
			ErrorPages.send(request, response, 400, "login-expired", "client gone");
			return null;
		}
		List<String> scopes = new ArrayList<>(pending.get().scopes());
		scopes.remove("openid");
		model.addAttribute("realm", realm.get());
		model.addAttribute("client", client.get());
		model.addAttribute("scopes", scopes);
		model.addAttribute("state", state);
		model.addAttribute("action", "/realms/" + realm.get().name() + ProtocolEndpoints.AUTHORIZE);
		return "consent";
	}

	@GetMapping("/realms/{realm}/logout-confirm")
	String confirmLogout(@PathVariable String realm, @RequestParam(name = "c", defaultValue = "") String confirmation,
			Model model, HttpServletRequest request, HttpServletResponse response) throws Exception {
		Optional<Realm> found = this.realms.find(realm);
		if (found.isEmpty() || confirmation.isEmpty() || confirmation.length() > 64) {
			ErrorPages.send(request, response, 400, "logout-invalid", "no confirmation");
			return null;
		}
		model.addAttribute("realm", found.get());
		model.addAttribute("confirmation", confirmation);
		model.addAttribute("action", "/realms/" + realm + ProtocolEndpoints.LOGOUT);
		return "logout-confirm";
	}

	@GetMapping("/realms/{realm}/logged-out")
	String loggedOut(@PathVariable String realm, Model model, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		Optional<Realm> found = this.realms.find(realm);
		if (found.isEmpty()) {
			ErrorPages.send(request, response, 404, "not-found", "unknown realm");
			return null;
		}
		model.addAttribute("realm", found.get());
		return "logged-out";
	}

}
