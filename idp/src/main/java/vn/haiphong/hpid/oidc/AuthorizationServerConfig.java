package vn.haiphong.hpid.oidc;

import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2DeviceCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2TokenExchangeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.X509ClientCertificateAuthenticationConverter;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import vn.haiphong.hpid.identity.VerifiedIdentities;
import vn.haiphong.hpid.HpidProperties;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.clients.ClientCatalog;
import vn.haiphong.hpid.keys.SigningKeys;
import vn.haiphong.hpid.login.LoginEntryPoint;
import vn.haiphong.hpid.login.LoginTransactions;
import vn.haiphong.hpid.login.ReauthenticationFilter;
import vn.haiphong.hpid.login.SsoSessionContextRepository;
import vn.haiphong.hpid.login.SsoSessions;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.security.ClientSecretHasher;
import vn.haiphong.hpid.security.MasterKey;
import vn.haiphong.hpid.store.EphemeralStore;
import vn.haiphong.hpid.web.SecurityHeaders;

/**
 * The OpenID Connect provider: Spring Security's authorization server, with hpid's
 * realms, stores, tokens and pages plugged in.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

	/** Bearer tokens whose signatures each node remembers (about 2 kB each). */
	private static final int VERIFIED_BEARER_TOKENS = 4096;

	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder()
			.multipleIssuersAllowed(true)
			.authorizationEndpoint(ProtocolEndpoints.AUTHORIZE)
			.tokenEndpoint(ProtocolEndpoints.TOKEN)
			.jwkSetEndpoint(ProtocolEndpoints.JWKS)
			.oidcUserInfoEndpoint(ProtocolEndpoints.USERINFO)
			.oidcLogoutEndpoint(ProtocolEndpoints.LOGOUT)
			.tokenIntrospectionEndpoint(ProtocolEndpoints.INTROSPECT)
			.tokenRevocationEndpoint(ProtocolEndpoints.REVOKE)
			.deviceAuthorizationEndpoint(ProtocolEndpoints.PREFIX + "/unsupported/device")
			.deviceVerificationEndpoint(ProtocolEndpoints.PREFIX + "/unsupported/device-verification")
			.pushedAuthorizationRequestEndpoint(ProtocolEndpoints.PREFIX + "/unsupported/par")
			.oidcClientRegistrationEndpoint(ProtocolEndpoints.PREFIX + "/unsupported/registration")
			.build();
	}

	@Bean
	Issuers issuers(HpidProperties properties) {
		return new Issuers(properties.publicBaseUrl());
	}

	@Bean
	RealmClients registeredClientRepository(ClientCatalog catalog, RealmRegistry realms) {
		return new RealmClients(catalog, realms);
	}

	@Bean
	SubjectIdentifiers subjectIdentifiers(MasterKey masterKey) {
		return new SubjectIdentifiers(masterKey);
	}

	@Bean
	GrantStore grantStore(JdbcClient jdbc) {
		return new GrantStore(jdbc);
	}

	@Bean
	GrantPurge grantPurge(GrantStore grants, Clock clock) {
		return new GrantPurge(grants, clock);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(EphemeralStore ephemeral, GrantStore grants,
			RegisteredClientRepository clients, SigningKeys keys, JsonMapper json, Clock clock) {
		return new GrantAuthorizationService(ephemeral, grants, clients, keys, json, clock);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcClient jdbc, Clock clock) {
		return new ConsentStore(jdbc, clock);
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys, RealmRegistry realms) {
		for (Realm realm : realms.all()) {
			keys.ensureKeys(realm.name());
		}
		return new RealmJwkSource(keys);
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, SigningKeys keys, Clock clock) {
		// Userinfo takes access tokens only (RFC 9068 typ at+jwt); an ID token is refused.
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(new JwtTypeValidator("at+jwt"),
				new JwtTimestampValidator());
		decoder.setJwtValidator(validator);
		return new RememberingJwtDecoder(decoder, validator, new VerifiedTokenCache<>(keys, VERIFIED_BEARER_TOKENS, clock));
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(JWKSource<SecurityContext> jwkSource, PersonStore people,
			VerifiedIdentities identities, SubjectIdentifiers subjects, Clock clock) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(jwkSource);
		// During a rotation the realm publishes several keys; only the active one has its
		// private part in the selection, and it signs.
		encoder.setJwkSelector((keys) -> keys.stream().filter(JWK::isPrivate).findFirst()
			.orElseThrow(() -> new IllegalStateException("No active signing key")));
		JwtGenerator jwtGenerator = new JwtGenerator(encoder);
		jwtGenerator.setJwtCustomizer(new TokenClaims(people, identities, subjects));
		return new DelegatingOAuth2TokenGenerator(jwtGenerator, new OpaqueRefreshTokenGenerator(clock));
	}

	@Bean
	UserInfoClaims userInfoClaims(PersonStore people, VerifiedIdentities identities, SubjectIdentifiers subjects) {
		return new UserInfoClaims(people, identities, subjects);
	}

	/**
	 * Just before Spring Security's filter chain (order -100), after the filters that
	 * wrap every request (character encoding, observation, outage).
	 */
	@Bean
	FilterRegistrationBean<ProtocolFastPath> protocolFastPath(RealmRegistry realms, Issuers issuers,
			AuthorizationServerSettings settings, SecurityHeaders headers, RealmClients clients,
			OAuth2AuthorizationService authorizationService, OAuth2TokenGenerator<?> tokenGenerator,
			ClientSecretHasher secrets, JwtDecoder jwtDecoder, UserInfoClaims userInfoClaims) {
		FilterRegistrationBean<ProtocolFastPath> registration = new FilterRegistrationBean<>(new ProtocolFastPath(realms,
				issuers, settings, headers, clients, authorizationService, tokenGenerator, secrets, jwtDecoder,
				userInfoClaims));
		registration.setOrder(-101);
		return registration;
	}

	@Bean
	RegisteredWebOrigins registeredWebOrigins(ClientCatalog catalog) {
		return new RegisteredWebOrigins(catalog::snapshot);
	}

	/**
	 * Right after the outage filter and before the unreadable-parameters check, the method
	 * check, the fast path and Spring Security, so its headers are on all their answers.
	 */
	@Bean
	FilterRegistrationBean<ProtocolCors> protocolCors(RealmRegistry realms, RegisteredWebOrigins origins,
			SecurityHeaders headers) {
		FilterRegistrationBean<ProtocolCors> registration = new FilterRegistrationBean<>(
				new ProtocolCors(realms, origins, headers));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/** Just before the fast path, which answers only the methods it serves. */
	@Bean
	FilterRegistrationBean<AppEndpointMethods> appEndpointMethods(RealmRegistry realms, SecurityHeaders headers) {
		FilterRegistrationBean<AppEndpointMethods> registration = new FilterRegistrationBean<>(
				new AppEndpointMethods(realms, headers));
		registration.setOrder(-102);
		return registration;
	}

	@Bean
	RealmAccessTokens realmAccessTokens(RealmRegistry realms, Issuers issuers, AuthorizationServerSettings settings,
			JwtDecoder jwtDecoder, OAuth2AuthorizationService authorizationService) {
		return new RealmAccessTokens(realms, issuers, settings, jwtDecoder, authorizationService);
	}

	@Bean
	PersonSessions personSessions(SsoSessions sessions, GrantStore grants, BackChannelLogout backChannel,
			Clock clock) {
		return new PersonSessions(sessions, grants, backChannel, clock);
	}

	@Bean
	BackChannelLogout backChannelLogout(JdbcClient jdbc, SigningKeys keys, AuditLog audit,
			SubjectIdentifiers subjects, Clock clock,
			@Value("${hpid.backchannel-logout.attempts:3}") int attempts,
			@Value("${hpid.backchannel-logout.first-backoff:1s}") Duration firstBackoff) {
		return new BackChannelLogout(jdbc, keys, audit, subjects, clock, attempts, firstBackoff);
	}

	@Bean
	RpInitiatedLogout rpInitiatedLogout(SigningKeys keys, RegisteredClientRepository clients, SsoSessions sessions,
			GrantStore grants, EphemeralStore ephemeral, Issuers issuers, BackChannelLogout backChannel,
			SubjectIdentifiers subjects, AuditLog audit, JsonMapper json, Clock clock) {
		return new RpInitiatedLogout(keys, clients, sessions, grants, ephemeral, issuers, backChannel, subjects, audit,
				json, clock);
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain protocolEndpoints(HttpSecurity http, RealmRegistry realms, Issuers issuers,
			AuthorizationServerSettings settings, RealmClients clients,
			OAuth2AuthorizationService authorizationService, OAuth2AuthorizationConsentService consents,
			OAuth2TokenGenerator<?> tokenGenerator, UserInfoClaims userInfoClaims, SsoSessionContextRepository sessions,
			LoginTransactions transactions, RpInitiatedLogout logout, JwtDecoder jwtDecoder, SecurityHeaders headers,
			Clock clock)
			throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		RequestMatcher authorizeEndpoint = PathPatternRequestMatcher.withDefaults()
			.matcher("/realms/*" + ProtocolEndpoints.AUTHORIZE);
		RequestMatcher clientEndpoints = new OrRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher("/realms/*" + ProtocolEndpoints.TOKEN),
				PathPatternRequestMatcher.withDefaults().matcher("/realms/*" + ProtocolEndpoints.INTROSPECT),
				PathPatternRequestMatcher.withDefaults().matcher("/realms/*" + ProtocolEndpoints.REVOKE));
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, (as) -> as.registeredClientRepository(clients)
				.authorizationService(authorizationService)
				.authorizationConsentService(consents)
				.tokenGenerator(tokenGenerator)
				.clientAuthentication((clientAuth) -> clientAuth.authenticationConverters((converters) -> {
					converters.removeIf(X509ClientCertificateAuthenticationConverter.class::isInstance);
					converters.add(0, new ClientAssertionWithoutClientId());
				}))
				.authorizationEndpoint((endpoint) -> endpoint.consentPage("/consent")
					.authorizationResponseHandler(AuthorizationResponses.success())
					.errorResponseHandler(AuthorizationResponses.failure(clients)))
				.tokenEndpoint((endpoint) -> endpoint.accessTokenRequestConverters((converters) -> converters
					.removeIf((c) -> c instanceof OAuth2DeviceCodeAuthenticationConverter
							|| c instanceof OAuth2TokenExchangeAuthenticationConverter)))
				.authorizationServerMetadataEndpoint((endpoint) -> endpoint
					.authorizationServerMetadataCustomizer((metadata) -> metadata.claims(ProtocolMetadata::apply)))
				.oidc((oidc) -> oidc
					.providerConfigurationEndpoint((endpoint) -> endpoint
						.providerConfigurationCustomizer((metadata) -> metadata.claims(ProtocolMetadata::applyOidc)))
					.userInfoEndpoint((endpoint) -> endpoint.userInfoMapper(userInfoClaims))
					.logoutEndpoint((endpoint) -> endpoint.logoutRequestConverter(logout.converter())
						.authenticationProviders((providers) -> {
							providers.clear();
							providers.add(logout.provider());
						})
						.logoutResponseHandler(logout.success())
						.errorResponseHandler(logout.failure()))))
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.securityContext((context) -> context.securityContextRepository(sessions))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginEntryPoint(transactions, issuers), authorizeEndpoint)
				.defaultAuthenticationEntryPointFor(new ClientAuthenticationRequired(), clientEndpoints))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(jwtDecoder)))
			.headers(headers::apply)
			.addFilterAfter(new RealmIssuerFilter(realms, issuers, settings), CsrfFilter.class)
			.addFilterAfter(new ReauthenticationFilter(transactions, clock, realms), CsrfFilter.class);
		return http.build();
	}

}
