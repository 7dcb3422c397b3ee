import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * Writes the VNeID stand-in of the benchmark: a WireMock root directory (stub mappings and
 * response files) that plays VNeID's encrypted OAuth variant for both servers, and the
 * relying-party key both servers decrypt with.
 *
 * <p>WireMock cannot encrypt, so every envelope is sealed here, ahead of the run, to the
 * relying party's public key: one token answer and one userinfo answer per citizen. The
 * stubs pick the file by the citizen's personal ID number, which the authorization code
 * and the access token carry. The servers' work is unchanged by this: each still opens
 * both envelopes with its RSA private key (see docs/benchmarks.md, scenario 6).
 *
 * <pre>java -cp CLASSES VneidStandIn DIR CITIZENS CLIENT_ID CLIENT_SECRET</pre>
 * writes {@code DIR/rp-key.pem} (PKCS#8), {@code DIR/mappings/} and {@code DIR/__files/}.
 */
public final class VneidStandIn {

	static final SecureRandom RANDOM = new SecureRandom();

	static final String AUTHORIZE = "/oauth/authorize";

	static final String TOKEN = "/oauth/token";

	static final String USERINFO = "/oauth/userinfo";

	private static final String[] FAMILY = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi" };

	private static final String[] GIVEN = { "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Long", "Minh",
			"Nam", "Phương", "Quân", "Sơn", "Thảo", "Uyên", "Vân" };

	public static void main(String[] args) throws Exception {
		if (args.length != 4) {
			throw new IllegalArgumentException("usage: VneidStandIn DIR CITIZENS CLIENT_ID CLIENT_SECRET");
		}
		Path dir = Path.of(args[0]);
		int citizens = Integer.parseInt(args[1]);
		String clientId = args[2];
		String clientSecret = args[3];
		if (!clientSecret.matches("[A-Za-z0-9]+") || !clientId.matches("[A-Za-z0-9-]+")) {
			// The token stub matches them literally in the form body: no characters that form encoding changes.
			throw new IllegalArgumentException("client id and secret must be letters, digits (and '-' in the id)");
		}
		KeyPair rp = rsa();
		Files.createDirectories(dir.resolve("mappings"));
		Files.createDirectories(dir.resolve("__files"));
		Files.writeString(dir.resolve("rp-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(rp.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n");
		for (int i = 1; i <= citizens; i++) {
			String pid = personalId(i);
			Map<String, Object> token = new LinkedHashMap<>();
			token.put("access_token", "at-" + pid + "-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE));
			token.put("token_type", "Bearer");
			token.put("expires_in", 300);
			Files.write(dir.resolve("__files/token-" + pid + ".json"), seal(token, rp.getPublic()));
			Files.write(dir.resolve("__files/userinfo-" + pid + ".json"), seal(claims(i), rp.getPublic()));
		}
		Files.writeString(dir.resolve("mappings/authorize.json"), authorizeStub(clientId));
		Files.writeString(dir.resolve("mappings/token.json"), tokenStub(clientId, clientSecret));
		Files.writeString(dir.resolve("mappings/userinfo.json"), userinfoStub());
		System.out.println("VNeID stand-in: " + citizens + " citizens, envelopes sealed to a new relying-party key, in "
				+ dir);
	}

	/**
	 * The personal ID number of citizen {@code i} (1-based): Hải Phòng birth registration
	 * (031), a century-and-gender digit and a birth year that agree with {@link #claims}.
	 */
	static String personalId(int i) {
		boolean female = i % 2 == 0;
		return String.format(Locale.ROOT, "031%d%02d%06d", female ? 1 : 0, birthYear(i) % 100, 500000 + i);
	}

	private static int birthYear(int i) {
		return 1950 + i % 50;
	}

	/** What userinfo says about citizen {@code i}: VNeID's claim names, level 2. */
	static Map<String, Object> claims(int i) {
		boolean female = i % 2 == 0;
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("citizenPid", personalId(i));
		claims.put("fullName", FAMILY[i % FAMILY.length] + (female ? " Thị " : " Văn ") + GIVEN[i % GIVEN.length]);
		claims.put("birthDate", String.format(Locale.ROOT, "%02d/%02d/%d", 1 + i % 28, 1 + i % 12, birthYear(i)));
		claims.put("gender", female ? "Nữ" : "Nam");
		claims.put("accountType", "1");
		claims.put("accountLevel", "2");
		return claims;
	}

	// ---------------------------------------------------------------- the stubs

	/**
	 * The authorization endpoint. The person's choice of citizen is the {@code citizen}
	 * parameter the load generator adds (as the VNeID sandbox's picker does). The code goes
	 * back raw with a '+' in it, as VNeID's do, with the state and an {@code encrypt_key}.
	 */
	private static String authorizeStub(String clientId) {
		String location = "{{{request.query.redirect_uri}}}?code={{request.query.citizen}}+"
				+ "{{randomValue length=24 type='ALPHANUMERIC'}}&state={{{urlEncode request.query.state}}}"
				+ "&encrypt_key={{randomValue length=24 type='ALPHANUMERIC'}}";
		return """
				{ "priority": 1,
				  "request": { "method": "GET", "urlPath": "%s",
				    "queryParameters": {
				      "client_id": { "equalTo": "%s" },
				      "response_type": { "equalTo": "code" },
				      "redirect_uri": { "matches": "http://127\\\\.0\\\\.0\\\\.1:[0-9]+/realms/bench/broker/vneid/endpoint" },
				      "state": { "matches": ".+" },
				      "code_challenge": { "matches": "[A-Za-z0-9_-]{43}" },
				      "code_challenge_method": { "equalTo": "S256" },
				      "citizen": { "matches": "[0-9]{12}" } } },
				  "response": { "status": 302, "headers": { "Location": "%s", "Cache-Control": "no-store" },
				    "transformers": ["response-template"] } }
				""".formatted(AUTHORIZE, clientId, location);
	}

	/** The token endpoint: a form post with the client's secret, the code, PKCE's verifier and the encrypt_key. */
	private static String tokenStub(String clientId, String clientSecret) {
		return """
				{ "priority": 1,
				  "request": { "method": "POST", "urlPath": "%s",
				    "headers": { "Content-Type": { "contains": "application/x-www-form-urlencoded" } },
				    "bodyPatterns": [
				      { "matches": "(.*&)?grant_type=authorization_code(&.*)?" },
				      { "matches": "(.*&)?client_id=%s(&.*)?" },
				      { "matches": "(.*&)?client_secret=%s(&.*)?" },
				      { "matches": "(.*&)?code=[0-9]{12}%%2B[A-Za-z0-9]+(&.*)?" },
				      { "matches": "(.*&)?redirect_uri=[^&]+(&.*)?" },
				      { "matches": "(.*&)?code_verifier=[A-Za-z0-9_-]{43,128}(&.*)?" },
				      { "matches": "(.*&)?encrypt_key=[A-Za-z0-9]+(&.*)?" } ] },
				  "response": { "status": 200,
				    "headers": { "Content-Type": "application/json", "Cache-Control": "no-store" },
				    "bodyFileName": "token-{{regexExtract request.body '(?<=code=)[0-9]{12}'}}.json",
				    "transformers": ["response-template"] } }
				""".formatted(TOKEN, clientId, clientSecret);
	}

	/** The userinfo endpoint: the citizen the Bearer token was issued for. */
	private static String userinfoStub() {
		return """
				{ "priority": 1,
				  "request": { "method": "GET", "urlPath": "%s",
				    "headers": { "Authorization": { "matches": "Bearer at-[0-9]{12}-[0-9a-f]+" } } },
				  "response": { "status": 200,
				    "headers": { "Content-Type": "application/json", "Cache-Control": "no-store" },
				    "bodyFileName": "userinfo-{{regexExtract request.headers.Authorization '(?<=at-)[0-9]{12}'}}.json",
				    "transformers": ["response-template"] } }
				""".formatted(USERINFO);
	}

	// ---------------------------------------------------------------- VNeID's envelope

	/**
	 * VNeID's answer format, as the upstream writes it: {@code key} is a new AES-256 key
	 * encrypted to the relying party's RSA key (PKCS#1 v1.5), {@code data} the JSON payload
	 * encrypted with it (AES-ECB). Weak choices imposed by VNeID; used here only to play VNeID.
	 */
	static byte[] seal(Map<String, Object> payload, PublicKey relyingParty) throws GeneralSecurityException {
		KeyGenerator generator = KeyGenerator.getInstance("AES");
		generator.init(256);
		SecretKey aesKey = generator.generateKey();
		Cipher aes = Cipher.getInstance("AES/ECB/PKCS5Padding");
		aes.init(Cipher.ENCRYPT_MODE, aesKey);
		byte[] data = aes.doFinal(json(payload).getBytes(StandardCharsets.UTF_8));
		Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
		rsa.init(Cipher.ENCRYPT_MODE, relyingParty);
		byte[] key = rsa.doFinal(aesKey.getEncoded());
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("data", Base64.getEncoder().encodeToString(data));
		envelope.put("key", Base64.getEncoder().encodeToString(key));
		return json(envelope).getBytes(StandardCharsets.UTF_8);
	}

	/** A flat JSON object of strings and numbers. */
	static String json(Map<String, Object> object) {
		StringBuilder sb = new StringBuilder("{");
		for (Map.Entry<String, Object> e : object.entrySet()) {
			if (sb.length() > 1) {
				sb.append(',');
			}
			sb.append(quote(e.getKey())).append(':');
			sb.append(e.getValue() instanceof Number n ? n.toString() : quote(String.valueOf(e.getValue())));
		}
		return sb.append('}').toString();
	}

	private static String quote(String s) {
		StringBuilder sb = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				default -> {
					if (c < 0x20) {
						sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						sb.append(c);
					}
				}
			}
		}
		return sb.append('"').toString();
	}

	private static KeyPair rsa() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	private VneidStandIn() {
	}

}
