package vn.haiphong.hpid.demo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import vn.haiphong.hpid.oidc.Issuers;
import vn.haiphong.hpid.security.Hashes;
import vn.haiphong.hpid.store.EphemeralStore;

/**
 * A tiny relying party for the embedded demo: it signs in at the {@code haiphong} realm
 * as the public client {@code demo-app} (code flow with PKCE) and shows the claims it
 * received. It talks to hpid over HTTP like any app would.
 */
@Controller
@ConditionalOnProperty(name = "hpid.demo", havingValue = "true")
final class DemoAppController {

	private static final String CLIENT_ID = "demo-app";

	private final EphemeralStore store;

	private final Issuers issuers;

	private final JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	DemoAppController(EphemeralStore store, Issuers issuers, JsonMapper json) {
		this.store = store;
		this.issuers = issuers;
		this.json = json;
	}

	record Started(String verifier, String nonce) {
	}

	@GetMapping({ "/demo", "/demo/" })
	String home() {
		return "demo";
	}

	@GetMapping("/demo/login")
	String login(HttpServletRequest request) throws Exception {
		String state = Hashes.randomToken(16);
		String verifier = Hashes.randomToken(32);
		String nonce = Hashes.randomToken(16);
		this.store.put("demo:" + state, this.json.writeValueAsString(new Started(verifier, nonce)),
				Duration.ofMinutes(10));
		String challenge = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String issuer = this.issuers.issuer(request, DemoSetup.REALM);
		return "redirect:" + issuer + "/protocol/openid-connect/auth?response_type=code&client_id=" + CLIENT_ID
				+ "&scope=openid%20profile%20email%20phone&redirect_uri=" + encode(redirectUri(request)) + "&state="
				+ state + "&nonce=" + nonce + "&code_challenge=" + challenge + "&code_challenge_method=S256";
	}

	@GetMapping("/demo/callback")
	String callback(@RequestParam(name = "code", required = false) String code,
			@RequestParam(name = "state", defaultValue = "") String state,
			@RequestParam(name = "error", required = false) String error, HttpServletRequest request,
			HttpServletResponse response, Model model) throws Exception {
		Started started = state.isEmpty() || state.length() > 64 ? null
				: this.store.take("demo:" + state).map((v) -> this.json.readValue(v, Started.class)).orElse(null);
		if (error != null || code == null || started == null) {
			response.setStatus(400);
			model.addAttribute("problem", error != null ? error : "invalid_state");
			return "demo";
		}
		String issuer = this.issuers.issuer(request, DemoSetup.REALM);
		String form = "grant_type=authorization_code&client_id=" + CLIENT_ID + "&code=" + encode(code)
				+ "&redirect_uri=" + encode(redirectUri(request)) + "&code_verifier=" + started.verifier();
		HttpResponse<String> tokens = this.http.send(
				HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
					.timeout(Duration.ofSeconds(5))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (tokens.statusCode() != 200) {
			response.setStatus(502);
			model.addAttribute("problem", "token_request_failed");
			return "demo";
		}
		Map<?, ?> body = this.json.readValue(tokens.body(), Map.class);
		String idToken = (String) body.get("id_token");
		String payload = new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]), StandardCharsets.UTF_8);
		Map<?, ?> claims = this.json.readValue(payload, Map.class);
		model.addAttribute("claims", claims);
		model.addAttribute("nonceOk", started.nonce().equals(claims.get("nonce")));
		model.addAttribute("logoutUrl", issuer + "/protocol/openid-connect/logout?id_token_hint=" + idToken
				+ "&post_logout_redirect_uri=" + encode(this.issuers.baseUrl(request) + "/demo/"));
		return "demo";
	}

	private String redirectUri(HttpServletRequest request) {
		return this.issuers.baseUrl(request) + "/demo/callback";
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
