package vn.haiphong.hpid.admin;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import vn.haiphong.hpid.account.PasswordHasher;
import vn.haiphong.hpid.account.PasswordPolicy;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.oidc.RealmAccessTokens;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.web.SecurityHeaders;

/**
 * The admin API ({@code /admin/api/**}): bearer tokens of the realm {@code admin}, no
 * cookies (so no CSRF surface), no session, problem details for every refusal.
 */
@Configuration(proxyBeanMethods = false)
class AdminConfig implements WebMvcConfigurer {

	private final JsonMapper json;

	private final ObjectProvider<AdminAuthorization> authorization;

	AdminConfig(JsonMapper json, ObjectProvider<AdminAuthorization> authorization) {
		this.json = json;
		this.authorization = authorization;
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(new StrictAdminBodies(this.json));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AdminAccessInterceptor(this.authorization)).addPathPatterns(API + "/**");
	}

	static final String API = "/admin/api";

	@Bean
	AdminRoles adminRoles(JdbcClient jdbc, Clock clock) {
		return new AdminRoles(jdbc, clock);
	}

	@Bean
	AdminAuthorization adminAuthorization(AdminRoles roles, PersonStore people, RealmRegistry realms,
			AuditLog audit) {
		return new AdminAuthorization(roles, people, realms, audit);
	}

	@Bean
	AdminAudit adminAudit(AuditLog log, AdminAuthorization authorization, JsonMapper json) {
		return new AdminAudit(log, authorization, json);
	}

	@Bean
	BootstrapAdmin bootstrapAdmin(Environment environment, RealmRegistry realms, PersonStore people,
			PasswordHasher hasher, PasswordPolicy policy, AdminRoles roles, AuditLog audit,
			@Value("${hpid.demo:false}") boolean demo) {
		return new BootstrapAdmin(environment, realms, people, hasher, policy, roles, audit, demo);
	}

	@Bean
	@Order(0)
	SecurityFilterChain adminApi(HttpSecurity http, RealmAccessTokens tokens, JsonMapper json, SecurityHeaders headers)
			throws Exception {
		http.securityMatcher(API + "/**")
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(API + "/openapi.json")
				.permitAll()
				.anyRequest()
				.authenticated())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.requireExplicitSave(true))
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> AdminBearerFilter.unauthorized(response, json,
						null, "Send an access token of the realm admin: Authorization: Bearer <token>")))
			.headers(headers::apply)
			.addFilterBefore(new AdminBearerFilter(tokens, json), AnonymousAuthenticationFilter.class);
		return http.build();
	}

}
