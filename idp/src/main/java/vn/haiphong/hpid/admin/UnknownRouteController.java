package vn.haiphong.hpid.admin;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any other path under {@code /admin/api} is a 404 problem, not the people's HTML error
 * page: scripts read JSON. Spring prefers every more specific mapping, so this only ever
 * answers what nothing else does.
 */
@RestController
class UnknownRouteController {

	static final String PATTERN = AdminConfig.API + "/**";

	@RequestMapping(PATTERN)
	void unknown() {
		throw AdminProblem.notFound("There is no such resource in the admin API; see /admin/api/openapi.json");
	}

}
