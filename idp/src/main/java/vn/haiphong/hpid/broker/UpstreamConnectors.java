package vn.haiphong.hpid.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.realm.UpstreamRegistration;
import vn.haiphong.hpid.spi.IdentityEventListener;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.UpstreamIdentityProvider;
import vn.haiphong.hpid.vneid.DvcqgConnector;
import vn.haiphong.hpid.vneid.DvcqgSettings;
import vn.haiphong.hpid.vneid.OidcConnector;
import vn.haiphong.hpid.vneid.OidcSettings;
import vn.haiphong.hpid.vneid.RelyingPartyKey;
import vn.haiphong.hpid.vneid.UpstreamHttpSettings;
import vn.haiphong.hpid.vneid.VneidConnector;
import vn.haiphong.hpid.vneid.VneidSettings;

/**
 * The connectors of every realm's upstreams, built once at start from the realm files
 * and the environment. Like a client whose secret variable is not set, an upstream whose
 * secret or key is not set, or that only the sandbox can play while the sandbox is off,
 * is disabled with a warning: it gets no button, rather than a button that can only fail.
 */
public final class UpstreamConnectors {

	private static final Logger log = LoggerFactory.getLogger(UpstreamConnectors.class);

	/** VNeID's observed {@code accountLevel} values; a realm file's {@code levelMapping} replaces them. */
	private static final Map<String, LevelOfAssurance> VNEID_LEVELS = Map.of("1", LevelOfAssurance.LOW, "2",
			LevelOfAssurance.HIGH);

	private final Map<String, Map<String, UpstreamIdentityProvider>> byRealm = new LinkedHashMap<>();

	private final Map<String, List<UpstreamRegistration>> enabled = new LinkedHashMap<>();

	public UpstreamConnectors(RealmRegistry realms, Environment environment, Optional<VneidSandboxHolder> sandbox) {
		IdentityEventListener events = (event) -> log.debug("{} {}: {}", event.provider(), event.type(),
				event.detail());
		for (Realm realm : realms.all()) {
			Map<String, UpstreamIdentityProvider> connectors = new LinkedHashMap<>();
			List<UpstreamRegistration> usable = new ArrayList<>();
			for (UpstreamRegistration upstream : realm.upstreams()) {
				try {
					connectors.put(upstream.alias(), build(realm, upstream, environment, sandbox, events));
					usable.add(upstream);
				}
				catch (Disabled ex) {
					log.warn("Realm {}, upstream {} is disabled: {}", realm.name(), upstream.alias(), ex.getMessage());
				}
			}
			this.byRealm.put(realm.name(), Map.copyOf(connectors));
			this.enabled.put(realm.name(), List.copyOf(usable));
		}
	}

	/** The realm's upstreams that have a working connector, in the realm file's order. */
	public List<UpstreamRegistration> enabled(String realm) {
		return this.enabled.getOrDefault(realm, List.of());
	}

	/** A configuration gap that disables one upstream without stopping the server. */
	private static final class Disabled extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Disabled(String reason) {
			super(reason, null, false, false);
		}

	}

	public Optional<UpstreamIdentityProvider> find(String realm, String alias) {
		return Optional.ofNullable(this.byRealm.getOrDefault(realm, Map.of()).get(alias));
	}

	private static UpstreamIdentityProvider build(Realm realm, UpstreamRegistration upstream, Environment environment,
			Optional<VneidSandboxHolder> sandbox, IdentityEventListener events) {
		UpstreamHttpSettings http = UpstreamHttpSettings.defaults()
			.withTimeouts(upstream.connectTimeout(), upstream.readTimeout());
		String where = "Realm " + realm.name() + ", upstream " + upstream.alias();
		if (upstream.sandbox() && sandbox.isPresent()) {
			VneidSandboxHolder holder = sandbox.get();
			log.warn("{} is played by the VNeID sandbox at {}", where, holder.sandbox().baseUri());
			VneidSettings settings = holder.sandbox()
				.connectorSettings()
				.alias(upstream.alias())
				.levelMapping(levelMapping(upstream, VNEID_LEVELS))
				.transactionTtl(upstream.transactionLifetime())
				.http(http)
				.build();
			return new VneidConnector(settings, holder.key(), Clock.systemUTC(), events);
		}
		if (upstream.authorizationUri().isEmpty() && upstream.issuer().isEmpty()) {
			throw new Disabled("it is played by the VNeID sandbox only, and the sandbox is off (hpid.vneid-sandbox); "
					+ "declare the contract's endpoints, clientId, secret and rpKey");
		}
		String clientId = upstream.clientId().orElseThrow(() -> new IllegalStateException(where + " has no clientId"));
		String secret = secret(environment, upstream.secretReference(), where);
		return switch (upstream.type()) {
			case VNEID -> new VneidConnector(VneidSettings.builder()
				.alias(upstream.alias())
				.authorizationEndpoint(upstream.authorizationUri().get())
				.tokenEndpoint(upstream.tokenUri().orElseThrow())
				.userinfoEndpoint(upstream.userinfoUri().orElseThrow())
				.clientId(clientId)
				.clientSecret(secret)
				.levelMapping(levelMapping(upstream, VNEID_LEVELS))
				.transactionTtl(upstream.transactionLifetime())
				.http(http)
				.build(), rpKey(environment, upstream, where), Clock.systemUTC(), events);
			case DVCQG -> new DvcqgConnector(new DvcqgSettings(upstream.alias(), upstream.authorizationUri().get(),
					upstream.tokenUri().orElseThrow(), upstream.userinfoUri().orElseThrow(), clientId, secret, "openid",
					"LoA1", true, "loAs", upstream.levelMapping(), upstream.transactionLifetime(), http),
					Clock.systemUTC(), events);
			case OIDC -> new OidcConnector(OidcSettings.builder()
				.alias(upstream.alias())
				.issuer(upstream.issuer().orElseThrow())
				.clientId(clientId)
				.clientSecret(secret)
				.acrMapping(upstream.levelMapping())
				.transactionTtl(upstream.transactionLifetime())
				.http(http)
				.build(), Clock.systemUTC(), events);
		};
	}

	private static Map<String, LevelOfAssurance> levelMapping(UpstreamRegistration upstream,
			Map<String, LevelOfAssurance> observedDefault) {
		return upstream.levelMapping().isEmpty() ? observedDefault : upstream.levelMapping();
	}

	private static String secret(Environment environment, Optional<String> reference, String where) {
		String variable = reference.orElseThrow(() -> new IllegalStateException(where + " has no secret"));
		String secret = environment.getProperty(variable);
		if (secret == null || secret.isBlank()) {
			throw new Disabled("its secret variable " + variable + " is not set");
		}
		return secret;
	}

	private static RelyingPartyKey rpKey(Environment environment, UpstreamRegistration upstream, String where) {
		UpstreamRegistration.RpKeySource source = upstream.rpKey()
			.orElseThrow(() -> new IllegalStateException(where + " has no rpKey"));
		if (source.environmentVariable().isPresent()) {
			String pem = environment.getProperty(source.environmentVariable().get());
			if (pem == null || pem.isBlank()) {
				throw new Disabled("its key variable " + source.environmentVariable().get() + " is not set");
			}
			return RelyingPartyKey.fromPem(pem);
		}
		Path file = Path.of(source.file().get());
		if (!Files.isReadable(file)) {
			throw new IllegalStateException(where + ": cannot read its key file " + file);
		}
		try {
			return RelyingPartyKey.fromPem(Files.readString(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException(where + ": cannot read its key file " + file, ex);
		}
	}

}
