package dev.keel.api.security.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    @TempDir
    Path dir;

    @Test
    void anEcKeyIsWrittenWithItsPublicKeyAsOpenSslWritesIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();

        String pem = Pem.encode(keys.getPrivate());

        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            PEMKeyPair pair = (PEMKeyPair) parser.readObject();
            // What the official Java client's loader dereferences.
            assertThat(pair.getPublicKeyInfo()).isNotNull();
            assertThat(pair.getPublicKeyInfo().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        }
        assertThat(((ECPrivateKey) Pem.privateKey(pem, "test")).getS()).isEqualTo(((ECPrivateKey) keys.getPrivate()).getS());
    }

    @Test
    void keysWrittenWithoutTheirPublicPartAreRewrittenOnStart() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, Duration.ofDays(3650), Clock.systemUTC());
        IssuedCertificates issued = new IssuedCertificates(ca, dir, Duration.ofDays(90), Clock.systemUTC());
        CertificateProfile profile = CertificateProfile.server("keel-apiserver",
                SubjectAlternativeNames.parse(List.of("127.0.0.1")));
        CertificateKeyPair first = issued.ensure("apiserver", profile);
        writeWithoutPublicKey(dir.resolve("apiserver.key"), (ECPrivateKey) first.privateKey());
        writeWithoutPublicKey(dir.resolve("ca.key"), (ECPrivateKey) Pem.readPrivateKey(dir.resolve("ca.key")));

        CertificateAuthority reloaded = CertificateAuthority.loadOrCreate(dir, Duration.ofDays(3650), Clock.systemUTC());
        CertificateKeyPair again = new IssuedCertificates(reloaded, dir, Duration.ofDays(90), Clock.systemUTC())
                .ensure("apiserver", profile);

        assertThat(again.certificate()).isEqualTo(first.certificate());
        for (String key : List.of("apiserver.key", "ca.key")) {
            try (PEMParser parser = new PEMParser(Files.newBufferedReader(dir.resolve(key)))) {
                assertThat(((PEMKeyPair) parser.readObject()).getPublicKeyInfo()).as(key).isNotNull();
            }
        }
    }

    /** SEC1 with the curve but no public key: what platform-api wrote before. */
    private static void writeWithoutPublicKey(Path file, ECPrivateKey key) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                key.getParams().getOrder().bitLength(), key.getS(), info.getPrivateKeyAlgorithm().getParameters());
        try (PemWriter writer = new PemWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
    }
}
