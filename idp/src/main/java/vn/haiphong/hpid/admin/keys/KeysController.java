package vn.haiphong.hpid.admin.keys;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import vn.haiphong.hpid.admin.AdminAudit;
import vn.haiphong.hpid.admin.AdminAuthorization;
import vn.haiphong.hpid.admin.AdminPermission;
import vn.haiphong.hpid.admin.AdminProblem;
import vn.haiphong.hpid.keys.SigningKeys;
import vn.haiphong.hpid.keys.SigningKeys.KeyInfo;

/**
 * A realm's token signing keys: list, rotate now, retire. Only public facts are shown; a
 * rotation publishes the new key at once and lets it sign after the propagation delay, so
 * no token in flight breaks (docs/operations.md).
 */
@RestController
class KeysController {

	private final AdminAuthorization authorization;

	private final AdminAudit audit;

	private final SigningKeys keys;

	KeysController(AdminAuthorization authorization, AdminAudit audit, SigningKeys keys) {
		this.authorization = authorization;
		this.audit = audit;
		this.keys = keys;
	}

	@GetMapping("/admin/api/realms/{realm}/keys")
	List<KeyInfo> list(@PathVariable String realm) {
		this.authorization.require(AdminPermission.KEYS_READ, realm);
		return this.keys.list(realm);
	}

	@PostMapping("/admin/api/realms/{realm}/keys/rotate")
	@ResponseStatus(HttpStatus.CREATED)
	KeyInfo rotate(@PathVariable String realm) {
		this.authorization.require(AdminPermission.KEYS_WRITE, realm);
		String previous = this.keys.forRealm(realm).active().getKeyID();
		KeyInfo next = this.keys.rotate(realm);
		this.audit.record("ADMIN_KEY_ROTATE", realm, next.kid(), Map.of("activeKid", previous), next,
				Map.of("previousKid", previous));
		return next;
	}

	@PostMapping("/admin/api/realms/{realm}/keys/{kid}/retire")
	KeyInfo retire(@PathVariable String realm, @PathVariable String kid) {
		this.authorization.require(AdminPermission.KEYS_WRITE, realm);
		KeyInfo before = this.keys.list(realm).stream().filter((k) -> k.kid().equals(kid)).findFirst()
			.orElseThrow(() -> AdminProblem.notFound("The realm " + realm + " has no key " + kid));
		KeyInfo after;
		try {
			after = this.keys.retire(realm, kid).orElseThrow(() -> AdminProblem.notFound("No key " + kid));
		}
		catch (SigningKeys.RetireRefusedException ex) {
			throw AdminProblem.conflict("key-not-retirable", "Key cannot be retired", ex.getMessage());
		}
		this.audit.record("ADMIN_KEY_RETIRE", realm, kid, before, after, Map.of());
		return after;
	}

}
