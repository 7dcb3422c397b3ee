package vn.haiphong.hpid.admin.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import vn.haiphong.hpid.web.SecurityHeaders;

/**
 * Serves the admin console, a static single-page app that talks to the admin API with a
 * bearer token of the {@code admin} realm. Its files hold no secret and change nothing,
 * so they need no session and no CSRF token; the page itself runs under a policy
 * stricter than the sign-in pages': it may fetch from its own origin only, submit no
 * form natively, and build its DOM without HTML strings (Trusted Types).
 */
@Configuration(proxyBeanMethods = false)
class AdminConsoleConfig implements WebMvcConfigurer {

	static final String PATH = "/admin/console/";

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
			+ "frame-ancestors 'none'; object-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

	@Bean
	@Order(1) // before the pages chain, which matches every request
	SecurityFilterChain adminConsole(HttpSecurity http, SecurityHeaders securityHeaders) throws Exception {
		http.securityMatcher("/admin/console", "/admin/console/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.headers((headers) -> securityHeaders.apply(headers, CONTENT_SECURITY_POLICY));
		return http.build();
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/admin/console", PATH);
		registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
	}

	/**
	 * Revalidated on every load, so an upgrade reaches every administrator at once; the
	 * ETag keeps that cheap.
	 */
	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(PATH + "**")
			.addResourceLocations("classpath:/static" + PATH)
			.setCacheControl(CacheControl.noCache());
	}

}
