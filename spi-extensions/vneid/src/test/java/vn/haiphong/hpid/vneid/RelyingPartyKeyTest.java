package vn.haiphong.hpid.vneid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class RelyingPartyKeyTest {

    private static final KeyPair PAIR = TestKeys.RELYING_PARTY;

    @Test
    void loadsPkcs8Pem() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(PAIR.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        RelyingPartyKey key = RelyingPartyKey.fromPem(pem);

        assertThat(key.publicKey()).isEqualTo(PAIR.getPublic());
    }

    @Test
    void loadsPkcs1Pem() throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(PAIR.getPrivate());
        }
        assertThat(out.toString()).contains("BEGIN RSA PRIVATE KEY");

        assertThat(RelyingPartyKey.fromPem(out.toString()).publicKey()).isEqualTo(PAIR.getPublic());
    }

    @Test
    void loadsPkcs12() throws Exception {
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name("CN=hpid"), BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
                new X500Name("CN=hpid"), PAIR.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(PAIR.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("vneid", PAIR.getPrivate(), "pw".toCharArray(), new X509Certificate[] {certificate});
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        store.store(file, "pw".toCharArray());

        RelyingPartyKey key = RelyingPartyKey.fromPkcs12(new ByteArrayInputStream(file.toByteArray()), "pw".toCharArray(), null);

        assertThat(key.publicKey()).isEqualTo(PAIR.getPublic());
        assertThatThrownBy(() -> RelyingPartyKey.fromPkcs12(new ByteArrayInputStream(file.toByteArray()),
                "wrong".toCharArray(), null)).isInstanceOf(InvalidRelyingPartyKeyException.class);
    }

    @Test
    void refusesTextThatIsNoKey() {
        assertThatThrownBy(() -> RelyingPartyKey.fromPem("hello")).isInstanceOf(InvalidRelyingPartyKeyException.class);
        assertThatThrownBy(() -> RelyingPartyKey.fromPem("")).isInstanceOf(InvalidRelyingPartyKeyException.class);
        assertThatThrownBy(() -> RelyingPartyKey.fromPem("-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(PAIR.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n"))
                .isInstanceOf(InvalidRelyingPartyKeyException.class).hasMessageContaining("expected");
    }

    @Test
    void refusesRsaKeysShorterThan2048Bits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);

        assertThatThrownBy(() -> RelyingPartyKey.of(generator.generateKeyPair().getPrivate()))
                .isInstanceOf(InvalidRelyingPartyKeyException.class).hasMessageContaining("2048");
    }

    @Test
    void toStringRevealsNoKeyMaterial() {
        assertThat(TestKeys.RP_KEY.toString()).isEqualTo("RelyingPartyKey[RSA 2048 bits]");
    }

    @Test
    void envelopeSealedToThePublicHalfOpensWithThePrivateHalf() {
        byte[] sealed = VneidEnvelope.seal(Map.of("citizenPid", "031085001234"), TestKeys.RP_KEY.publicKey());

        assertThat(VneidEnvelope.open(sealed, TestKeys.RP_KEY.privateKey(), "test")).containsEntry("citizenPid", "031085001234");
    }
}
