package vn.haiphong.hpid.vneid;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import vn.haiphong.hpid.spi.CallbackRequest;

/**
 * A stand-in for VNeID in development and tests: it speaks the same encrypted protocol
 * (authorize page, token endpoint, userinfo endpoint, envelopes sealed to the relying
 * party's public key) for the fictitious citizens of {@code sandbox-citizens.json}.
 * It listens on the loopback interface only and holds everything in memory.
 *
 * <p>Never point a production realm at it: it authenticates nobody, it lets you pick.
 */
public final class VneidSandbox implements AutoCloseable {

    static final String AUTHORIZE_PATH = "/oauth/authorize";
    static final String TOKEN_PATH = "/oauth/token";
    static final String USERINFO_PATH = "/oauth/userinfo";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    /** One fictitious citizen: a label for the picker page and the claims userinfo returns. */
    public record Citizen(String label, Map<String, Object> claims) {
        public Citizen {
            Objects.requireNonNull(label, "label");
            claims = Map.copyOf(claims);
        }

        public String personalId() {
            return String.valueOf(claims.get("citizenPid"));
        }

        public String fullName() {
            return String.valueOf(claims.get("fullName"));
        }
    }

    private record Grant(Citizen citizen, String redirectUri, Optional<String> codeChallenge, String encryptKey,
            Instant expiresAt) {
    }

    private record AccessToken(Citizen citizen, Instant expiresAt) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final PublicKey relyingPartyKey;
    private final String clientId;
    private final String clientSecret;
    private final List<Citizen> citizens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    private VneidSandbox(HttpServer server, PublicKey relyingPartyKey, String clientId, String clientSecret,
            List<Citizen> citizens, Clock clock) {
        this.server = server;
        this.relyingPartyKey = relyingPartyKey;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.citizens = List.copyOf(citizens);
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext(AUTHORIZE_PATH, exchange -> handle(exchange, this::authorize));
        server.createContext(TOKEN_PATH, exchange -> handle(exchange, this::token));
        server.createContext(USERINFO_PATH, exchange -> handle(exchange, this::userinfo));
        server.start();
    }

    /** Starts on a free loopback port with the bundled citizens. */
    public static VneidSandbox start(PublicKey relyingPartyKey, String clientId, String clientSecret) {
        return start(relyingPartyKey, clientId, clientSecret, 0);
    }

    public static VneidSandbox start(PublicKey relyingPartyKey, String clientId, String clientSecret, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            return new VneidSandbox(server, Objects.requireNonNull(relyingPartyKey, "relyingPartyKey"),
                    Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(clientSecret, "clientSecret"),
                    bundledCitizens(), Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the sandbox port " + port, e);
        }
    }

    /** Runs the sandbox from the command line: {@code PORT PUBLIC_KEY_PEM CLIENT_ID CLIENT_SECRET}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: VneidSandbox PORT RELYING_PARTY_PUBLIC_KEY.pem CLIENT_ID CLIENT_SECRET");
            System.exit(2);
        }
        VneidSandbox sandbox = start(publicKeyFromPem(Files.readString(Path.of(args[1]))), args[2], args[3],
                Integer.parseInt(args[0]));
        System.out.println("VNeID sandbox on " + sandbox.baseUri() + " with " + sandbox.citizens().size() + " citizens");
    }

    /** The citizens of {@code sandbox-citizens.json}, documented in this module's README. */
    public static List<Citizen> bundledCitizens() {
        try (InputStream in = VneidSandbox.class.getResourceAsStream("sandbox-citizens.json")) {
            if (in == null) {
                throw new IllegalStateException("sandbox-citizens.json is missing from the classpath");
            }
            Map<String, Object> file = Json.object(in.readAllBytes(), "sandbox-citizens.json");
            List<Citizen> result = new ArrayList<>();
            for (Object entry : (List<?>) file.get("citizens")) {
                Map<?, ?> citizen = (Map<?, ?>) entry;
                Map<String, Object> claims = new LinkedHashMap<>();
                ((Map<?, ?>) citizen.get("claims")).forEach((k, v) -> claims.put(String.valueOf(k), v));
                result.add(new Citizen(String.valueOf(citizen.get("label")), claims));
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sandbox-citizens.json", e);
        }
    }

    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    public URI authorizationEndpoint() {
        return baseUri().resolve(AUTHORIZE_PATH);
    }

    public URI tokenEndpoint() {
        return baseUri().resolve(TOKEN_PATH);
    }

    public URI userinfoEndpoint() {
        return baseUri().resolve(USERINFO_PATH);
    }

    public List<Citizen> citizens() {
        return citizens;
    }

    /** Connector settings pointing at this sandbox, for the caller to adjust and build. */
    public VneidSettings.Builder connectorSettings() {
        return VneidSettings.builder().alias("vneid-sandbox").authorizationEndpoint(authorizationEndpoint())
                .tokenEndpoint(tokenEndpoint()).userinfoEndpoint(userinfoEndpoint())
                .clientId(clientId).clientSecret(clientSecret);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Reply of(int status, String contentType, String body) {
            return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Reply redirect(String location) {
            return new Reply(302, "text/plain", new byte[0], Map.of("Location", location));
        }

        static Reply oauthError(int status, String error) {
            return of(status, "application/json", "{\"error\":\"" + error + "\"}");
        }
    }

    private interface Handler {
        Reply handle(HttpExchange exchange) throws IOException;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        Reply reply;
        try {
            reply = handler.handle(exchange);
        } catch (RuntimeException e) {
            reply = Reply.oauthError(500, "server_error");
        }
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            exchange.getResponseBody().write(reply.body());
        }
        exchange.close();
    }

    private Reply authorize(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return Reply.of(405, "text/plain", "GET only");
        }
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        CallbackRequest query = new CallbackRequest(rawQuery);
        if (!query.parameter("client_id").orElse("").equals(clientId)) {
            return Reply.of(400, "text/plain", "unknown client_id");
        }
        if (!query.parameter("response_type").orElse("").equals("code")) {
            return Reply.of(400, "text/plain", "response_type must be code");
        }
        String redirectUri = query.parameter("redirect_uri").orElse("");
        if (!redirectUri.startsWith("http://") && !redirectUri.startsWith("https://")) {
            return Reply.of(400, "text/plain", "redirect_uri must be an absolute http(s) URI");
        }
        String state = query.parameter("state").orElse("");
        String back = redirectUri + (redirectUri.contains("?") ? "&" : "?");
        if (query.parameter("cancel").isPresent()) {
            return Reply.redirect(back + "error=access_denied&state=" + UpstreamHttp.queryEncode(state));
        }
        Optional<String> chosen = query.parameter("citizen");
        if (chosen.isEmpty()) {
            return Reply.of(200, "text/html; charset=utf-8", pickerPage(rawQuery));
        }
        Citizen citizen = citizens.stream().filter(c -> c.personalId().equals(chosen.get())).findFirst().orElse(null);
        if (citizen == null) {
            return Reply.of(400, "text/plain", "no such sandbox citizen");
        }
        Optional<String> challenge = query.parameter("code_challenge");
        if (challenge.isPresent() && !query.parameter("code_challenge_method").orElse("").equals("S256")) {
            return Reply.of(400, "text/plain", "only code_challenge_method=S256 is supported");
        }
        String code = codeWithPlus();
        String encryptKey = Base64.getEncoder().encodeToString(randomBytes(16));
        grants.put(code, new Grant(citizen, redirectUri, challenge, encryptKey, clock.instant().plus(CODE_LIFETIME)));
        // Like VNeID, the code goes out raw: its '+' is not escaped, so a relying party that
        // form-decodes the callback turns it into a space and fails, as it would in production.
        return Reply.redirect(back + "code=" + code + "&state=" + UpstreamHttp.queryEncode(state)
                + "&encrypt_key=" + UpstreamHttp.queryEncode(encryptKey));
    }

    private Reply token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return Reply.oauthError(405, "invalid_request");
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            return Reply.oauthError(400, "invalid_request");
        }
        Map<String, String> form = formDecode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return Reply.oauthError(401, "invalid_client");
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return Reply.oauthError(400, "unsupported_grant_type");
        }
        Grant grant = grants.remove(Optional.ofNullable(form.get("code")).orElse("")); // single use
        if (grant == null || clock.instant().isAfter(grant.expiresAt())
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !grant.encryptKey().equals(form.get("encrypt_key"))) {
            return Reply.oauthError(400, "invalid_grant");
        }
        if (grant.codeChallenge().isPresent() && (form.get("code_verifier") == null
                || !Secrets.sameSecret(grant.codeChallenge().get(), Secrets.s256Challenge(form.get("code_verifier"))))) {
            return Reply.oauthError(400, "invalid_grant");
        }
        String accessToken = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        tokens.put(accessToken, new AccessToken(grant.citizen(), clock.instant().plus(TOKEN_LIFETIME)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("access_token", accessToken);
        payload.put("token_type", "Bearer");
        payload.put("expires_in", TOKEN_LIFETIME.toSeconds());
        return new Reply(200, "application/json", VneidEnvelope.seal(payload, relyingPartyKey), Map.of());
    }

    private Reply userinfo(HttpExchange exchange) {
        String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
        AccessToken token = authorization.startsWith("Bearer ") ? tokens.get(authorization.substring(7)) : null;
        if (token == null || clock.instant().isAfter(token.expiresAt())) {
            return Reply.oauthError(401, "invalid_token");
        }
        return new Reply(200, "application/json", VneidEnvelope.seal(token.citizen().claims(), relyingPartyKey), Map.of());
    }

    private String pickerPage(String rawQuery) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>VNeID sandbox</title></head>
                <body><h1>VNeID sandbox</h1><p>Not a real identity service. Choose a test citizen:</p><ul>
                """);
        for (Citizen citizen : citizens) {
            html.append("<li><a href=\"").append(AUTHORIZE_PATH).append('?').append(escape(rawQuery))
                    .append("&amp;citizen=").append(escape(citizen.personalId())).append("\">")
                    .append(escape(citizen.fullName())).append(" — ").append(escape(citizen.personalId()))
                    .append("</a> <small>").append(escape(citizen.label())).append("</small></li>\n");
        }
        html.append("</ul><p><a href=\"").append(AUTHORIZE_PATH).append('?').append(escape(rawQuery))
                .append("&amp;cancel=1\">Cancel</a></p></body></html>\n");
        return html.toString();
    }

    private String codeWithPlus() {
        // Real codes often contain '+'; the sandbox makes it certain so the raw-query path is always exercised.
        while (true) {
            String code = Base64.getEncoder().encodeToString(randomBytes(24));
            if (code.indexOf('+') >= 0) {
                return code;
            }
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Request bodies are real form encoding, where '+' is a space; only callback queries are special. */
    private static Map<String, String> formDecode(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static PublicKey publicKeyFromPem(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (parser.readObject() instanceof SubjectPublicKeyInfo info) {
                return new JcaPEMKeyConverter().getPublicKey(info);
            }
            throw new IOException("expected a PEM 'PUBLIC KEY' block");
        }
    }
}
