package vn.haiphong.hpid.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import vn.haiphong.hpid.vneid.VneidSandbox;

/**
 * Keycloak 26.5.5 from Maven Central with this jar in providers/, a realm imported from JSON,
 * VNeID played by the sandbox, and a browser (HtmlUnit) signing citizens in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakVneidIT {

    private static final String CLIENT_ID = "kc-client";
    private static final String CLIENT_SECRET = "kc-secret";
    private static final String ADMIN_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());

    private static VneidSandbox sandbox;
    private static VneidSandbox strangerSandbox;
    private static HttpServer failingToken;
    private static HttpServer slowToken;
    private static Process keycloak;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startKeycloak() throws Exception {
        KeyPair rp = rsa();
        sandbox = VneidSandbox.start(rp.getPublic(), CLIENT_ID, CLIENT_SECRET);
        // Encrypts to a key that is not ours: every envelope is undecryptable.
        strangerSandbox = VneidSandbox.start(rsa().getPublic(), CLIENT_ID, CLIENT_SECRET);
        failingToken = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        failingToken.createContext("/", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failingToken.start();
        slowToken = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        slowToken.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slowToken.createContext("/", exchange -> {
            try {
                Thread.sleep(4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        slowToken.start();

        Path target = Path.of(System.getProperty("project.build.directory", "target"));
        Path home = target.resolve("keycloak-26.5.5");
        Path kcSh = home.resolve("bin/kc.sh");
        deleteRecursively(home.resolve("data"));
        if (!Files.exists(kcSh)) {
            Path zip = Path.of(System.getProperty("keycloak.dist", System.getProperty("user.home")
                    + "/.m2/repository/org/keycloak/keycloak-quarkus-dist/26.5.5/keycloak-quarkus-dist-26.5.5.zip"));
            run(target, List.of("unzip", "-q", "-o", zip.toString(), "-d", target.toString()), 120);
        }
        Path jar = Files.list(target).filter(p -> p.getFileName().toString().matches("hpid-keycloak-vneid-.*\\.jar")
                && !p.getFileName().toString().contains("original")).findFirst().orElseThrow();
        Files.copy(jar, home.resolve("providers/hpid-keycloak-vneid.jar"), StandardCopyOption.REPLACE_EXISTING);
        port = freePort();
        int management = freePort();
        Files.createDirectories(home.resolve("data/import"));
        Files.writeString(home.resolve("data/import/hpid-realm.json"), realm(pem(rp)));
        run(home, List.of(kcSh.toString(), "build", "--db=dev-file", "--health-enabled=true"), 300);
        ProcessBuilder start = new ProcessBuilder(kcSh.toString(), "start", "--optimized", "--http-enabled=true",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + management,
                "--hostname-strict=false", "--import-realm",
                "--log-level=INFO,org.keycloak.services:debug,org.keycloak.broker:debug,org.keycloak.authentication:debug")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(target.resolve("keycloak-it.log").toFile());
        start.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        start.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        keycloak = start.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (Instant.now().isAfter(deadline) || !keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak did not start; see target/keycloak-it.log");
            }
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (keycloak != null) {
            keycloak.toHandle().descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            keycloak.waitFor(30, TimeUnit.SECONDS);
        }
        for (AutoCloseable c : new AutoCloseable[] {sandbox, strangerSandbox}) {
            if (c != null) {
                c.close();
            }
        }
        if (failingToken != null) {
            failingToken.stop(0);
        }
        if (slowToken != null) {
            slowToken.stop(0);
        }
    }

    @Test
    @Order(1)
    void createsTheUserWithThePersonalIdNumberAndGivesTheSameUserTheSecondTime() throws Exception {
        assertThat(signIn("vneid", "031085001234").getUrl().toString()).contains("code=");
        String users = admin("GET", "/users?q=personal_id_number:031085001234&briefRepresentation=false", null);
        assertThat(count(users, "\"id\"")).as(admin("GET", "/users?briefRepresentation=false", null)).isEqualTo(1);
        assertThat(users).contains("031085001234");
        String id = firstId(users);

        assertThat(signIn("vneid", "031085001234").getUrl().toString()).contains("code=");
        String again = admin("GET", "/users?q=personal_id_number:031085001234", null);
        assertThat(count(again, "\"id\"")).isEqualTo(1);
        assertThat(firstId(again)).isEqualTo(id);
    }

    @Test
    @Order(2)
    void linksTheExistingUserWithTheNumberNeverTheOneWithTheSameEmail() throws Exception {
        admin("POST", "/users", """
                {"username":"lan.holder","enabled":true,"email":"lan@example.vn",
                 "attributes":{"personal_id_number":["031195004567"]}}""");
        admin("POST", "/users", """
                {"username":"hung.by.email","enabled":true,"email":"hung@example.vn","firstName":"Hùng","lastName":"Lê"}""");

        assertThat(signIn("vneid", "031195004567").getUrl().toString()).contains("code=");
        String holder = firstId(admin("GET", "/users?username=lan.holder&exact=true", null));
        assertThat(admin("GET", "/users/" + holder + "/federated-identity", null)).contains("031195004567");
        // The next sign-in keeps the linked account in step with VNeID through the attribute mapper.
        assertThat(signIn("vneid", "031195004567").getUrl().toString()).contains("code=");
        assertThat(admin("GET", "/users/" + holder, null)).contains("\"birth_date\":[\"1995-07-12\"]");

        assertThat(signIn("vneid", "001078012345").getUrl().toString()).contains("code=");
        String byEmail = firstId(admin("GET", "/users?username=hung.by.email&exact=true", null));
        assertThat(admin("GET", "/users/" + byEmail + "/federated-identity", null)).isEqualTo("[]");
        assertThat(count(admin("GET", "/users?q=personal_id_number:001078012345", null), "\"id\"")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void refusesWithAPageWhenTheNumberIsLinkedToAnotherVneidIdentity() throws Exception {
        admin("POST", "/users", """
                {"username":"mai.taken","enabled":true,"attributes":{"personal_id_number":["079301123456"]}}""");
        String id = firstId(admin("GET", "/users?username=mai.taken&exact=true", null));
        admin("POST", "/users/" + id + "/federated-identity/vneid",
                "{\"identityProvider\":\"vneid\",\"userId\":\"another-identity\",\"userName\":\"another\"}");

        HtmlPage page = signIn("vneid", "079301123456");
        assertThat(page.asNormalizedText()).contains("đã thuộc về một tài khoản liên kết với danh tính VNeID khác");
    }

    @Test
    @Order(4)
    void anUndecryptableEnvelopeEndsOnAPage() throws Exception {
        HtmlPage page = signIn("vneid-stranger", "031085001234");
        assertThat(page.asNormalizedText()).contains("Không đọc được phản hồi từ VNeID").doesNotContain("Exception");
    }

    @Test
    @Order(5)
    void anUpstream500EndsOnAPage() throws Exception {
        HtmlPage page = signIn("vneid-broken", "031085001234");
        assertThat(page.asNormalizedText()).contains("VNeID báo lỗi").doesNotContain("Exception");
    }

    @Test
    @Order(6)
    void anUpstreamTimeoutEndsOnAPage() throws Exception {
        HtmlPage page = signIn("vneid-slow", "031085001234");
        assertThat(page.asNormalizedText()).contains("VNeID hiện không phản hồi").doesNotContain("Exception");
    }

    @Test
    @Order(7)
    void theVneidLevelBecomesTheAcr() throws Exception {
        String idToken = idTokenPayload(signIn("vneid", "031085001234"));
        assertThat(idToken).contains("\"acr\":\"urn:hpid:acr:vneid:level2\"")
                .contains("\"verified_claims\":{\"verification\":{\"trust_framework\":\"vn_vneid\",\"assurance_level\":\"level2\"}")
                .contains("\"birthdate\":\"1985-03-15\"").contains("\"personal_id_number\":\"031085001234\"");
    }

    @Test
    @Order(8)
    void aClientAskingForLevel2RefusesALevel1Account() throws Exception {
        HtmlPage page = signIn("vneid", "031195004567", "&acr_values=urn:hpid:acr:vneid:level2");
        assertThat(page.asNormalizedText()).contains("yêu cầu tài khoản định danh điện tử mức độ 2");
    }

    private static HtmlPage signIn(String idp, String citizen) throws Exception {
        return signIn(idp, citizen, "");
    }

    private static HtmlPage signIn(String idp, String citizen, String extraQuery) throws Exception {
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setCssEnabled(false);
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            browser.getOptions().setRedirectEnabled(true);
            plainHttpCookies(browser);
            browser.addRequestHeader("Accept-Language", "vi");
            String app = base() + "/realms/hpid/app/";
            HtmlPage upstream = browser.getPage(base() + "/realms/hpid/protocol/openid-connect/auth?client_id=app"
                    + "&response_type=code&scope=openid&kc_idp_hint=" + idp + extraQuery
                    + "&redirect_uri=" + URLEncoder.encode(app, StandardCharsets.UTF_8));
            HtmlAnchor pick = upstream.getAnchors().stream()
                    .filter(a -> a.getHrefAttribute().contains("citizen=" + citizen)).findFirst()
                    .orElseThrow(() -> new AssertionError("no citizen link on " + upstream.getUrl()
                            + ":\n" + upstream.asNormalizedText()));
            return pick.click();
        }
    }

    /**
     * Keycloak marks its cookies Secure; a real browser still sends them to http://127.0.0.1 (a
     * secure context), HtmlUnit does not. This sends them the way the browser would.
     */
    private static void plainHttpCookies(WebClient browser) {
        new org.htmlunit.util.WebConnectionWrapper(browser) {
            @Override
            public org.htmlunit.WebResponse getResponse(org.htmlunit.WebRequest request) throws IOException {
                java.net.URL url = request.getUrl();
                String cookies = browser.getCookieManager().getCookies().stream()
                        .filter(c -> c.isSecure() && url.getHost().equalsIgnoreCase(c.getDomain())
                                && url.getPath().startsWith(c.getPath() == null ? "/" : c.getPath()))
                        .map(c -> c.getName() + "=" + c.getValue())
                        .collect(java.util.stream.Collectors.joining("; "));
                if (!cookies.isEmpty() && "http".equals(url.getProtocol())) {
                    request.setAdditionalHeader("Cookie", cookies);
                }
                return super.getResponse(request);
            }
        };
    }

    /** The ID token's payload (JSON) for the code on a sign-in's final URL. */
    private static String idTokenPayload(HtmlPage landed) throws Exception {
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(landed.getUrl().toString());
        assertThat(code.find()).as(landed.getUrl().toString()).isTrue();
        String app = base() + "/realms/hpid/app/";
        String tokens = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/realms/hpid/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=app&code=" + code.group(1)
                        + "&redirect_uri=" + URLEncoder.encode(app, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher idToken = Pattern.compile("\"id_token\":\"([^\"]+)\"").matcher(tokens);
        assertThat(idToken.find()).as(tokens).isTrue();
        return new String(Base64.getUrlDecoder().decode(idToken.group(1).split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String base() {
        return "http://127.0.0.1:" + port;
    }

    private static String admin(String method, String path, String json) throws Exception {
        String token = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password="
                        + ADMIN_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(token);
        assertThat(m.find()).as("admin token").isTrue();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/admin/realms/hpid" + path))
                .header("Authorization", "Bearer " + m.group(1)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return response.body();
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private static String firstId(String users) {
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(users);
        assertThat(m.find()).as("a user in " + users).isTrue();
        return m.group(1);
    }

    private static void run(Path dir, List<String> command, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("it-command.log").toFile())).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed; see " + dir.resolve("it-command.log"));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String idp(String alias, URI authorize, URI token, URI userinfo, String pem) {
        return """
                {"alias":"%s","providerId":"vneid","enabled":true,"trustEmail":false,"storeToken":false,
                 "firstBrokerLoginFlowAlias":"vneid first login",
                 "config":{"authorizationUrl":"%s","tokenUrl":"%s","userInfoUrl":"%s","clientId":"%s",
                   "clientSecret":"%s","rpPrivateKeyPem":%s,"syncMode":"FORCE","readTimeoutMillis":"1500"}}"""
                .formatted(alias, authorize, token, userinfo, CLIENT_ID, CLIENT_SECRET, json(pem));
    }

    private static String realm(String pem) {
        String profile = """
                {"unmanagedAttributePolicy":"ADMIN_VIEW","attributes":[
                 {"name":"username","displayName":"${username}","permissions":{"view":["admin","user"],"edit":["admin","user"]}},
                 {"name":"email","displayName":"${email}","permissions":{"view":["admin","user"],"edit":["admin","user"]}},
                 {"name":"firstName","displayName":"${firstName}","permissions":{"view":["admin","user"],"edit":["admin"]}},
                 {"name":"lastName","displayName":"${lastName}","permissions":{"view":["admin","user"],"edit":["admin"]}},
                 {"name":"personal_id_number","permissions":{"view":["admin","user"],"edit":["admin"]}},
                 {"name":"full_name","permissions":{"view":["admin","user"],"edit":["admin"]}},
                 {"name":"birth_date","permissions":{"view":["admin","user"],"edit":["admin"]}},
                 {"name":"gender","permissions":{"view":["admin","user"],"edit":["admin"]}},
                 {"name":"vneid_level","permissions":{"view":["admin","user"],"edit":["admin"]}}]}""";
        String idps = String.join(",",
                idp("vneid", sandbox.authorizationEndpoint(), sandbox.tokenEndpoint(), sandbox.userinfoEndpoint(), pem),
                idp("vneid-stranger", strangerSandbox.authorizationEndpoint(), strangerSandbox.tokenEndpoint(),
                        strangerSandbox.userinfoEndpoint(), pem),
                idp("vneid-broken", sandbox.authorizationEndpoint(),
                        URI.create("http://127.0.0.1:" + failingToken.getAddress().getPort() + "/token"),
                        sandbox.userinfoEndpoint(), pem),
                idp("vneid-slow", sandbox.authorizationEndpoint(),
                        URI.create("http://127.0.0.1:" + slowToken.getAddress().getPort() + "/token"),
                        sandbox.userinfoEndpoint(), pem));
        return """
                {"realm":"hpid","enabled":true,"internationalizationEnabled":true,"supportedLocales":["vi","en"],
                 "defaultLocale":"vi",
                 "attributes":{"acr.loa.map":"{\\"urn:hpid:acr:vneid:level1\\":1,\\"urn:hpid:acr:vneid:level2\\":2}"},
                 "clients":[{"clientId":"app","enabled":true,"publicClient":true,"standardFlowEnabled":true,
                   "redirectUris":["/realms/hpid/app/*","http://127.0.0.1:%d/realms/hpid/app/*"],
                   "protocolMappers":[{"name":"verified claims","protocol":"openid-connect",
                     "protocolMapper":"hpid-verified-claims-mapper","config":{"id.token.claim":"true",
                     "access.token.claim":"true","userinfo.token.claim":"true","include.personal.id":"true"}}]}],
                 "identityProviderMappers":[{"name":"birth date","identityProviderAlias":"vneid",
                   "identityProviderMapper":"hpid-vneid-attribute-mapper","config":{"source":"birth_date","syncMode":"FORCE"}}],
                 "identityProviders":[%s],
                 "authenticationFlows":[{"alias":"vneid first login","providerId":"basic-flow","topLevel":true,
                   "builtIn":false,"description":"One account per citizen: link by verified personal ID number",
                   "authenticationExecutions":[{"authenticator":"hpid-link-by-personal-id","requirement":"REQUIRED",
                     "priority":10,"authenticatorFlow":false,"userSetupAllowed":false}]}],
                 "components":{"org.keycloak.userprofile.UserProfileProvider":[{"providerId":"declarative-user-profile",
                   "subComponents":{},"config":{"kc.user.profile.config":[%s]}}]}}"""
                .formatted(port, idps, json(profile));
    }
}
