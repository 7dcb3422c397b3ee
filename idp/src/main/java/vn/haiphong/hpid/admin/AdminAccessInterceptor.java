package vn.haiphong.hpid.admin;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks {@link AdminAccess} before Spring MVC resolves a handler's arguments (and so
 * before it reads and validates the body). The handler's own check still runs; it finds
 * the administrator already resolved for this request.
 */
final class AdminAccessInterceptor implements HandlerInterceptor {

	private final ObjectProvider<AdminAuthorization> authorization;

	AdminAccessInterceptor(ObjectProvider<AdminAuthorization> authorization) {
		this.authorization = authorization;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		AdminAccess access = (handler instanceof HandlerMethod method) ? method.getMethodAnnotation(AdminAccess.class)
				: null;
		if (access != null) {
			Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
			String realm = (variables instanceof Map<?, ?> map && map.get("realm") instanceof String name) ? name
					: null;
			this.authorization.getObject().require(access.value(), realm);
		}
		return true;
	}

}
