package vn.haiphong.hpid.admin.clients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.haiphong.hpid.admin.AdminProblem;
import vn.haiphong.hpid.admin.AdminProblem.FieldError;
import vn.haiphong.hpid.clients.ManagedBy;
import vn.haiphong.hpid.realm.ClientDefinitions;
import vn.haiphong.hpid.realm.ClientDefinitions.SecretSource;
import vn.haiphong.hpid.realm.ClientRegistration;
import vn.haiphong.hpid.realm.RealmFileError;
import vn.haiphong.hpid.realm.TokenSettings;

/**
 * A client JSON sent to the admin API, parsed at the edge: the settings are checked by
 * the realm files' own client reader (one set of rules for files and API), the fields
 * the API owns ({@code enabled}) are read here, and the read-only ones the console
 * sends back from a GET ({@code managedBy}, {@code version}, times) are set aside.
 *
 * @param client the settings, realm defaults filled in
 * @param enabled empty when the request does not say
 */
record ClientRequest(ClientRegistration client, Optional<Boolean> enabled) {

	private static final List<String> READ_ONLY = List.of("version", "createdAt", "updatedAt");

	/**
	 * @param pathClientId the client id of the URL, for an update; null for a creation
	 * @throws AdminProblem 400 with every wrong field by its path
	 */
	static ClientRequest parse(Map<String, Object> body, TokenSettings realmTokens, String pathClientId) {
		if (body == null) {
			throw AdminProblem.invalid("", "expected a client as a JSON object");
		}
		List<FieldError> errors = new ArrayList<>();
		Map<String, Object> definition = new LinkedHashMap<>(body);
		READ_ONLY.forEach(definition::remove);
		Object managedBy = definition.remove("managedBy");
		if (managedBy != null && !ManagedBy.API.value().equals(managedBy)) {
			errors.add(new FieldError("managedBy", "read-only; clients made through the admin API are managed by it "
					+ "(realm file clients are changed in their file)"));
		}
		Object enabled = definition.remove("enabled");
		if (enabled != null && !(enabled instanceof Boolean)) {
			errors.add(new FieldError("enabled", "expected true or false"));
		}
		if (definition.containsKey("secret")) {
			definition.remove("secret");
			errors.add(new FieldError("secret", "hpid generates client secrets; the secret is shown once in the "
					+ "response to the creation and to POST .../secret"));
		}
		if (pathClientId != null && definition.containsKey("clientId")
				&& !pathClientId.equals(definition.get("clientId"))) {
			errors.add(new FieldError("clientId", "must equal the client id of the URL; a client id cannot change"));
		}
		if (pathClientId != null) {
			definition.putIfAbsent("clientId", pathClientId);
		}
		ClientDefinitions.Parsed parsed = ClientDefinitions.read(definition, realmTokens, SecretSource.GENERATED);
		for (RealmFileError error : parsed.errors()) {
			errors.add(new FieldError(RealmFileError.ROOT.equals(error.fieldPath()) ? "" : error.fieldPath(),
					error.reason()));
		}
		if (!errors.isEmpty() || parsed.client().isEmpty()) {
			throw AdminProblem.invalid(errors);
		}
		return new ClientRequest(parsed.client().get(), Optional.ofNullable((Boolean) enabled));
	}

}
