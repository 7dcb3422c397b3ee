package vn.haiphong.hpid.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import vn.haiphong.hpid.login.SsoSessionContextRepository;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * The pages people see: sign-in, registration, consent, sign-out, errors. Vietnamese by
 * default, English by a switch ({@code ?lang=en}, remembered in a cookie). CSRF tokens
 * live in a cookie, so no HTTP session is needed.
 */
@Configuration(proxyBeanMethods = false)
class PagesConfig implements WebMvcConfigurer {

	/**
	 * The management port (health, metrics, signing keys) is for operators on the
	 * internal network, not for browsers: no CSRF token to obtain, no session.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain management(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable());
		return http.build();
	}

	@Bean
	SecurityHeaders securityHeaders(RealmRegistry realms) {
		return new SecurityHeaders(realms.all());
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http, SsoSessionContextRepository sessions, SecurityHeaders headers)
			throws Exception {
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieCustomizer((cookie) -> cookie.sameSite("Lax").path("/"));
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens))
			.securityContext((context) -> context.securityContextRepository(sessions))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.anonymous((anonymous) -> {
			})
			.headers(headers::apply)
			.addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class);
		return http.build();
	}

	/**
	 * Loads the CSRF token before the page renders, so its cookie is set while the
	 * response headers can still change.
	 */
	static final class CsrfCookieFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			if (token != null) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

	@Bean
	FilterRegistrationBean<OutageFilter> storeOutageFilter() {
		// Outside and before Spring Security, so outages anywhere inside are caught.
		FilterRegistrationBean<OutageFilter> registration = new FilterRegistrationBean<>(new OutageFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	UnparsedRequestPage unparsedRequestPage() {
		return new UnparsedRequestPage();
	}

	@Bean
	FilterRegistrationBean<UnreadableParametersFilter> unreadableParametersFilter(SecurityHeaders headers) {
		// After the outage filter and the protocol endpoints' CORS (whose headers its refusals
		// carry), before the fast path and Spring Security read a parameter.
		FilterRegistrationBean<UnreadableParametersFilter> registration = new FilterRegistrationBean<>(
				new UnreadableParametersFilter(headers));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/**
	 * Spring Security would time every filter of every request as an observation: a
	 * measurable share of the token endpoint's CPU (profiled with JFR) for nothing the
	 * HTTP server metrics do not already show.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * {@code ?lang=}; a request whose parameters cannot be read switches nothing, so that
	 * its error page (UnreadableParametersFilter) still renders.
	 */
	static final class LanguageSwitch extends LocaleChangeInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws ServletException {
			try {
				return super.preHandle(request, response, handler);
			}
			catch (InvalidParameterException ex) {
				return true;
			}
		}

	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("HPID_LANG");
		resolver.setDefaultLocale(Locale.forLanguageTag("vi"));
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LanguageSwitch();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
	}

}
