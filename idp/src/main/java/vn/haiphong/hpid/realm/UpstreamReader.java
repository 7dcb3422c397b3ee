package vn.haiphong.hpid.realm;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;

import vn.haiphong.hpid.realm.UpstreamRegistration.RpKeySource;
import vn.haiphong.hpid.realm.UpstreamRegistration.Type;
import vn.haiphong.hpid.spi.LevelOfAssurance;

/**
 * Reads one entry of a realm's {@code upstreams} list. Each type needs its own endpoints;
 * secrets and keys are references, never values.
 */
final class UpstreamReader {

	static final List<String> FIELDS = List.of("alias", "type", "displayName", "authorizationUri", "tokenUri",
			"userinfoUri", "issuer", "clientId", "secret", "rpKey", "levelMapping", "sandbox", "connectTimeout",
			"readTimeout", "transactionLifetime");

	private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9-]{0,39}");

	private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Z_][A-Z0-9_]*)}");

	private final Problems problems;

	private final Map<String, String> seenAliases = new HashMap<>();

	UpstreamReader(Problems problems) {
		this.problems = problems;
	}

	Optional<UpstreamRegistration> read(Node node, String path) {
		int errorsBefore = this.problems.count();
		Optional<MappingReader> found = MappingReader.read(node, path, this.problems, FIELDS);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		MappingReader upstream = found.get();
		Optional<String> alias = alias(upstream, path);
		Optional<Type> type = type(upstream);
		Map<String, String> displayName = DisplayNames.read(upstream, "displayName")
			.orElseGet(() -> Map.of("vi", alias.orElse("")));
		boolean sandbox = upstream.bool("sandbox").orElse(false);
		if (sandbox && type.isPresent() && type.get() != Type.VNEID) {
			upstream.error("sandbox", "only a vneid upstream can be played by the VNeID sandbox");
		}
		// The sandbox brings its own endpoints, client and key; a real contract must name them all.
		boolean contractRequired = !sandbox;
		Optional<URI> authorizationUri = uri(upstream, "authorizationUri");
		Optional<URI> tokenUri = uri(upstream, "tokenUri");
		Optional<URI> userinfoUri = uri(upstream, "userinfoUri");
		Optional<URI> issuer = uri(upstream, "issuer");
		Optional<String> clientId = upstream.string("clientId");
		Optional<String> secret = envReference(upstream, "secret");
		Optional<RpKeySource> rpKey = rpKey(upstream);
		if (type.isPresent() && contractRequired) {
			if (type.get() == Type.OIDC) {
				requireAll(upstream, "issuer");
			}
			else {
				requireAll(upstream, "authorizationUri", "tokenUri", "userinfoUri");
			}
			requireAll(upstream, "clientId", "secret");
			if (type.get() == Type.VNEID) {
				requireAll(upstream, "rpKey");
			}
		}
		if (type.isPresent() && type.get() != Type.VNEID && upstream.has("rpKey")) {
			upstream.error("rpKey", "only VNeID encrypts its answers to our key");
		}
		Map<String, LevelOfAssurance> levelMapping = levelMapping(upstream);
		Duration connectTimeout = upstream.duration("connectTimeout").orElse(Duration.ofSeconds(3));
		Duration readTimeout = upstream.duration("readTimeout").orElse(Duration.ofSeconds(5));
		Duration transactionLifetime = upstream.duration("transactionLifetime").orElse(Duration.ofMinutes(10));
		if (connectTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
			upstream.error("connectTimeout", "at most 30s: a person is waiting");
		}
		if (readTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
			upstream.error("readTimeout", "at most 30s: a person is waiting");
		}
		if (transactionLifetime.compareTo(Duration.ofMinutes(30)) > 0) {
			upstream.error("transactionLifetime", "at most 30m, the lifetime of the sign-in itself");
		}
		if (this.problems.count() > errorsBefore || alias.isEmpty() || type.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new UpstreamRegistration(alias.get(), type.get(), displayName, authorizationUri, tokenUri,
				userinfoUri, issuer, clientId, secret, rpKey, levelMapping, sandbox, connectTimeout, readTimeout,
				transactionLifetime));
	}

	private Optional<String> alias(MappingReader upstream, String path) {
		if (!upstream.has("alias")) {
			upstream.required("alias");
			return Optional.empty();
		}
		Optional<String> alias = upstream.string("alias");
		if (alias.isPresent() && !ALIAS.matcher(alias.get()).matches()) {
			upstream.error("alias", "must match ^[a-z][a-z0-9-]{0,39}$ (it becomes a path segment)");
			return Optional.empty();
		}
		if (alias.isPresent()) {
			String first = this.seenAliases.putIfAbsent(alias.get(), path);
			if (first != null) {
				upstream.error("alias", "duplicate alias; already used by " + first);
			}
		}
		return alias;
	}

	private static Optional<Type> type(MappingReader upstream) {
		if (!upstream.has("type")) {
			upstream.required("type");
			return Optional.empty();
		}
		Optional<String> text = upstream.string("type");
		Optional<Type> type = text.flatMap(Type::parse);
		if (text.isPresent() && type.isEmpty()) {
			upstream.error("type", "expected vneid, dvcqg or oidc");
		}
		return type;
	}

	private static void requireAll(MappingReader upstream, String... keys) {
		for (String key : keys) {
			if (!upstream.has(key)) {
				upstream.required(key);
			}
		}
	}

	private static Optional<URI> uri(MappingReader upstream, String key) {
		Optional<String> text = upstream.string(key);
		if (text.isEmpty()) {
			return Optional.empty();
		}
		try {
			URI uri = URI.create(text.get().strip());
			boolean https = "https".equals(uri.getScheme());
			boolean loopback = "http".equals(uri.getScheme()) && uri.getHost() != null
					&& List.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost());
			if (!uri.isAbsolute() || uri.getHost() == null || !(https || loopback) || uri.getFragment() != null) {
				upstream.error(key, "expected an absolute https URI without fragment (http only for loopback)");
				return Optional.empty();
			}
			return Optional.of(uri);
		}
		catch (IllegalArgumentException ex) {
			upstream.error(key, "not a valid URI");
			return Optional.empty();
		}
	}

	private static Optional<String> envReference(MappingReader upstream, String key) {
		Optional<String> text = upstream.string(key);
		if (text.isEmpty()) {
			return Optional.empty();
		}
		Matcher reference = ENV_REFERENCE.matcher(text.get().strip());
		if (!reference.matches()) {
			upstream.error(key, "secrets must be references to environment variables, e.g. ${env:HPID_VNEID_SECRET}, "
					+ "never literals");
			return Optional.empty();
		}
		return Optional.of(reference.group(1));
	}

	/** {@code ${env:NAME}} holding the PEM, or the path of a PEM file. */
	private static Optional<RpKeySource> rpKey(MappingReader upstream) {
		Optional<String> text = upstream.string("rpKey").map(String::strip);
		if (text.isEmpty()) {
			return Optional.empty();
		}
		Matcher reference = ENV_REFERENCE.matcher(text.get());
		if (reference.matches()) {
			return Optional.of(new RpKeySource(Optional.of(reference.group(1)), Optional.empty()));
		}
		if (text.get().contains("BEGIN") || text.get().contains("\n") || !text.get().endsWith(".pem")) {
			upstream.error("rpKey", "expected ${env:NAME} or the path of a .pem file; never the key itself");
			return Optional.empty();
		}
		return Optional.of(new RpKeySource(Optional.empty(), Optional.of(text.get())));
	}

	private static Map<String, LevelOfAssurance> levelMapping(MappingReader upstream) {
		Optional<Node> node = upstream.value("levelMapping");
		Map<String, LevelOfAssurance> mapping = new LinkedHashMap<>();
		if (node.isEmpty()) {
			return mapping;
		}
		if (!(node.get() instanceof org.yaml.snakeyaml.nodes.MappingNode map)) {
			upstream.error("levelMapping", "expected a map from upstream level values to 1 or 2");
			return mapping;
		}
		for (var tuple : map.getValue()) {
			if (!(tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key)
					|| !(tuple.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode value)) {
				upstream.error("levelMapping", "expected plain values");
				continue;
			}
			switch (value.getValue()) {
				case "1" -> mapping.put(key.getValue(), LevelOfAssurance.LOW);
				case "2" -> mapping.put(key.getValue(), LevelOfAssurance.HIGH);
				default -> upstream.error("levelMapping", "levels are 1 or 2 (Decree 69/2024)");
			}
		}
		return mapping;
	}

}
