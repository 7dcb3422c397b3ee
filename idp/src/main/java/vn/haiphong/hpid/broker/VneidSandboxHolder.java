package vn.haiphong.hpid.broker;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.haiphong.hpid.security.Hashes;
import vn.haiphong.hpid.vneid.RelyingPartyKey;
import vn.haiphong.hpid.vneid.VneidSandbox;

/**
 * The VNeID sandbox running inside hpid on a loopback port (embedded default only), with
 * a relying-party key and client secret made for this run. It plays every realm upstream
 * marked {@code sandbox: true}. The production profile refuses to start with it.
 */
public final class VneidSandboxHolder implements AutoCloseable {

	static final String CLIENT_ID = "hpid-embedded";

	private static final Logger log = LoggerFactory.getLogger(VneidSandboxHolder.class);

	private final RelyingPartyKey key;

	private final String clientSecret;

	private final VneidSandbox sandbox;

	public VneidSandboxHolder(int port) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.key = RelyingPartyKey.of(generator.generateKeyPair().getPrivate());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is required of every JRE", ex);
		}
		this.clientSecret = Hashes.randomToken(32);
		this.sandbox = VneidSandbox.start(this.key.publicKey(), CLIENT_ID, this.clientSecret, port);
		log.warn("VNeID sandbox listening on {}: it authenticates nobody (embedded default only)",
				this.sandbox.baseUri());
	}

	RelyingPartyKey key() {
		return this.key;
	}

	String clientSecret() {
		return this.clientSecret;
	}

	public VneidSandbox sandbox() {
		return this.sandbox;
	}

	@Override
	public void close() {
		this.sandbox.close();
	}

}
