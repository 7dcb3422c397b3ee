package vn.haiphong.hpid.admin.realms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import vn.haiphong.hpid.admin.AdminAuthorization;
import vn.haiphong.hpid.admin.AdminPermission;
import vn.haiphong.hpid.admin.AdminPrincipal;
import vn.haiphong.hpid.admin.AdminProblem;
import vn.haiphong.hpid.broker.UpstreamConnectors;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.realm.UpstreamRegistration;

/**
 * Realms and their upstream providers, read-only: they come from the realm files
 * ({@code managedBy: config}) and change through the city's configuration repository.
 */
@RestController
class RealmsController {

	private final AdminAuthorization authorization;

	private final RealmRegistry realms;

	private final UpstreamConnectors connectors;

	RealmsController(AdminAuthorization authorization, RealmRegistry realms, UpstreamConnectors connectors) {
		this.authorization = authorization;
		this.realms = realms;
		this.connectors = connectors;
	}

	record RealmView(String name, Map<String, String> displayName, boolean selfRegistration, String secondFactor,
			Map<String, Integer> passwordPolicy, Map<String, String> tokens, Map<String, String> sessions,
			int clientCount, int upstreamCount, String managedBy) {

		static RealmView of(Realm realm) {
			Map<String, String> tokens = new LinkedHashMap<>();
			tokens.put("authorizationCodeLifetime", realm.tokens().authorizationCodeLifetime().toString());
			tokens.put("accessTokenLifetime", realm.tokens().accessTokenLifetime().toString());
			tokens.put("idTokenLifetime", realm.tokens().idTokenLifetime().toString());
			tokens.put("refreshTokenLifetime", realm.tokens().refreshTokenLifetime().toString());
			Map<String, String> sessions = new LinkedHashMap<>();
			sessions.put("idleTimeout", realm.sessions().idleTimeout().toString());
			sessions.put("absoluteTimeout", realm.sessions().absoluteTimeout().toString());
			return new RealmView(realm.name(), realm.displayName(), realm.selfRegistration(),
					realm.secondFactor().name().toLowerCase(Locale.ROOT),
					Map.of("minLength", realm.passwordPolicy().minLength(), "maxLength",
							realm.passwordPolicy().maxLength()),
					tokens, sessions, realm.clients().size(), realm.upstreams().size(), "config");
		}

	}

	/**
	 * An upstream as administrators see it: where it is and whether it is in use, never
	 * its secrets (not even the names of the variables holding them).
	 */
	record UpstreamView(String alias, String type, Map<String, String> displayName, String issuer,
			String authorizationUri, String tokenUri, String userinfoUri, String clientId,
			Map<String, String> levelMapping, boolean sandbox, boolean enabled, String managedBy) {
	}

	/** The realms the administrator may read. */
	@GetMapping("/admin/api/realms")
	List<RealmView> realms() {
		AdminPrincipal principal = this.authorization.current();
		List<RealmView> views = new ArrayList<>();
		for (Realm realm : this.realms.all()) {
			if (principal.allows(AdminPermission.REALMS_READ, realm.name())) {
				views.add(RealmView.of(realm));
			}
		}
		views.sort((a, b) -> a.name().compareTo(b.name()));
		return views;
	}

	@GetMapping("/admin/api/realms/{realm}")
	RealmView realm(@PathVariable String realm) {
		this.authorization.require(AdminPermission.REALMS_READ, realm);
		return RealmView.of(find(realm));
	}

	@GetMapping("/admin/api/realms/{realm}/upstreams")
	List<UpstreamView> upstreams(@PathVariable String realm) {
		this.authorization.require(AdminPermission.UPSTREAMS_READ, realm);
		List<String> enabled = this.connectors.enabled(realm).stream().map(UpstreamRegistration::alias).toList();
		List<UpstreamView> views = new ArrayList<>();
		for (UpstreamRegistration upstream : find(realm).upstreams()) {
			Map<String, String> levels = new LinkedHashMap<>();
			upstream.levelMapping().forEach((value, level) -> levels.put(value, level.name()));
			views.add(new UpstreamView(upstream.alias(), upstream.type().name().toLowerCase(Locale.ROOT),
					upstream.displayName(), text(upstream.issuer()), text(upstream.authorizationUri()),
					text(upstream.tokenUri()), text(upstream.userinfoUri()), upstream.clientId().orElse(null), levels,
					upstream.sandbox(), enabled.contains(upstream.alias()), "config"));
		}
		return views;
	}

	private Realm find(String name) {
		return this.realms.find(name).orElseThrow(() -> AdminProblem.notFound("There is no realm " + name));
	}

	private static String text(java.util.Optional<?> value) {
		return value.map(Object::toString).orElse(null);
	}

}
