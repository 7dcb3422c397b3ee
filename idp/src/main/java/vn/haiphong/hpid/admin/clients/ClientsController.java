package vn.haiphong.hpid.admin.clients;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import vn.haiphong.hpid.admin.AdminAccess;
import vn.haiphong.hpid.admin.AdminAuthorization;
import vn.haiphong.hpid.admin.AdminPermission;
import vn.haiphong.hpid.admin.AdminProblem;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * {@code /admin/api/realms/{realm}/clients}: list, create, read (with an ETag), replace
 * (If-Match required), and rotate a client's secret. Clients of the realm files are
 * read-only here (409 {@code managed-by-configuration}).
 */
@RestController
class ClientsController {

	static final String CLIENTS = "/admin/api/realms/{realm}/clients";

	private final AdminAuthorization authorization;

	private final RealmRegistry realms;

	private final ClientAdministration clients;

	ClientsController(AdminAuthorization authorization, RealmRegistry realms, ClientAdministration clients) {
		this.authorization = authorization;
		this.realms = realms;
		this.clients = clients;
	}

	@GetMapping(CLIENTS)
	List<Map<String, Object>> list(@PathVariable String realm) {
		this.authorization.require(AdminPermission.CLIENTS_READ, realm);
		return this.clients.list(realm(realm));
	}

	@PostMapping(CLIENTS)
	@AdminAccess(AdminPermission.CLIENTS_WRITE)
	ResponseEntity<Map<String, Object>> create(@PathVariable String realm,
			@RequestBody(required = false) Map<String, Object> body) {
		this.authorization.require(AdminPermission.CLIENTS_WRITE, realm);
		Realm found = realm(realm);
		ClientAdministration.Result result = this.clients.create(found, ClientRequest.parse(body, found.tokens(), null));
		URI location = URI.create("/admin/api/realms/" + realm + "/clients/" + result.client().get("clientId"));
		return respond(ResponseEntity.created(location), result);
	}

	@GetMapping(CLIENTS + "/{clientId}")
	ResponseEntity<Map<String, Object>> get(@PathVariable String realm, @PathVariable String clientId) {
		this.authorization.require(AdminPermission.CLIENTS_READ, realm);
		return respond(ResponseEntity.ok(), this.clients.get(realm(realm), clientId));
	}

	@PutMapping(CLIENTS + "/{clientId}")
	@AdminAccess(AdminPermission.CLIENTS_WRITE)
	ResponseEntity<Map<String, Object>> replace(@PathVariable String realm, @PathVariable String clientId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestBody(required = false) Map<String, Object> body) {
		this.authorization.require(AdminPermission.CLIENTS_WRITE, realm);
		Realm found = realm(realm);
		ClientAdministration.Result result = this.clients.replace(found, clientId, ifMatch,
				() -> ClientRequest.parse(body, found.tokens(), clientId));
		return respond(ResponseEntity.ok(), result);
	}

	@PostMapping(CLIENTS + "/{clientId}/secret")
	ResponseEntity<Map<String, Object>> rotateSecret(@PathVariable String realm, @PathVariable String clientId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.authorization.require(AdminPermission.CLIENTS_WRITE, realm);
		ClientAdministration.Result result = this.clients.rotateSecret(realm(realm), clientId, ifMatch);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("clientId", clientId);
		body.put("secret", result.secret().orElseThrow());
		return ResponseEntity.ok()
			.eTag("\"" + result.version() + "\"")
			.cacheControl(CacheControl.noStore())
			.body(body);
	}

	private Realm realm(String name) {
		return this.realms.find(name).orElseThrow(() -> AdminProblem.notFound("There is no realm " + name));
	}

	/** The client, its ETag, and its secret when one was just generated (never cached). */
	private static ResponseEntity<Map<String, Object>> respond(ResponseEntity.BodyBuilder response,
			ClientAdministration.Result result) {
		response.eTag("\"" + result.version() + "\"");
		if (result.secret().isEmpty()) {
			return response.body(result.client());
		}
		Map<String, Object> body = new LinkedHashMap<>(result.client());
		body.put("secret", result.secret().get());
		return response.cacheControl(CacheControl.noStore()).body(body);
	}

}
