package vn.haiphong.hpid.tests;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.util.JSONObjectUtils;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock playing VNeID for the failure cases the sandbox cannot produce. It seals
 * answers as VNeID does (RSA PKCS#1 v1.5 over an AES key, AES-ECB over the JSON), to a
 * relying-party key made for this run; hpid gets that key through TEST_VNEID_RP_KEY.
 */
final class VneidMock {

	static final String SECRET = "vneid-mock-secret-0123456789-0123456789";

	static final KeyPair RP_KEY = generate();

	private static WireMockServer server;

	private VneidMock() {
	}

	static synchronized int port() {
		return server().port();
	}

	static synchronized WireMockServer server() {
		if (server == null) {
			server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
			server.start();
		}
		return server;
	}

	/** The arguments that enable the {@code vneid-mock} and {@code vneid-down} upstreams of the test realm. */
	static String[] serverArgs() {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(RP_KEY.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		return new String[] { "--TEST_VNEID_MOCK_SECRET=" + SECRET, "--TEST_VNEID_RP_KEY=" + pem };
	}

	/** An envelope sealed to our relying-party key. */
	static String sealed(Map<String, ?> payload) {
		return sealed(payload, RP_KEY.getPublic());
	}

	/** An envelope sealed to {@code key}: to another key, hpid cannot open it. */
	static String sealed(Map<String, ?> payload, PublicKey key) {
		try {
			KeyGenerator generator = KeyGenerator.getInstance("AES");
			generator.init(256);
			SecretKey aesKey = generator.generateKey();
			Cipher aes = Cipher.getInstance("AES/ECB/PKCS5Padding");
			aes.init(Cipher.ENCRYPT_MODE, aesKey);
			byte[] data = aes.doFinal(JSONObjectUtils.toJSONString(Map.copyOf(payload)).getBytes(StandardCharsets.UTF_8));
			Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
			rsa.init(Cipher.ENCRYPT_MODE, key);
			byte[] sealedKey = rsa.doFinal(aesKey.getEncoded());
			return JSONObjectUtils.toJSONString(Map.of("data", Base64.getEncoder().encodeToString(data), "key",
					Base64.getEncoder().encodeToString(sealedKey)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
