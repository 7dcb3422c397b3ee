package vn.haiphong.hpid.admin;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the console is signed in as, and what they may do: {@code GET /admin/api/me}. */
@RestController
class MeController {

	private final AdminAuthorization authorization;

	MeController(AdminAuthorization authorization) {
		this.authorization = authorization;
	}

	record Me(String subject, String displayName, List<AdminPrincipal.Assignment> roles) {
	}

	@GetMapping(AdminConfig.API + "/me")
	Me me() {
		AdminPrincipal principal = this.authorization.current();
		return new Me(principal.personId(), principal.displayName(), principal.roles());
	}

}
