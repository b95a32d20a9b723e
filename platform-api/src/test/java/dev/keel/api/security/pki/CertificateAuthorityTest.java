package dev.keel.api.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();

    @Test
    void createsTheCaOnceAndKeepsItsKeyPrivate() throws Exception {
        CertificateAuthority created = CertificateAuthority.loadOrCreate(dir, Duration.ofDays(3650), clock);

        X509Certificate ca = created.certificate();
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=keel-ca");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(Files.getPosixFilePermissions(dir.resolve("ca.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve("ca.key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");

        CertificateAuthority reloaded = CertificateAuthority.loadOrCreate(dir, Duration.ofDays(3650), clock);
        assertThat(reloaded.certificate()).isEqualTo(ca);
    }

    @Test
    void serverCertificateCarriesItsNamesAndServerAuthAndChainsToTheCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(30), clock);
        CertificateProfile profile = CertificateProfile.server("keel-apiserver",
                SubjectAlternativeNames.parse(List.of("127.0.0.1", "localhost", "kubernetes.default.svc", "10.96.0.1", "::1")));

        CertificateKeyPair server = ca.issue(profile, Duration.ofDays(10));

        X509Certificate certificate = server.certificate();
        List<String> names = new ArrayList<>();
        certificate.getSubjectAlternativeNames().forEach(entry -> names.add(entry.get(0) + "=" + entry.get(1)));
        assertThat(names).containsExactly("7=127.0.0.1", "2=localhost", "2=kubernetes.default.svc", "7=10.96.0.1",
                "7=0:0:0:0:0:0:0:1");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getNotAfter().toInstant()).isBefore(Instant.now().plus(Duration.ofDays(10).plusMinutes(1)));
        assertThat(server.keyMatches()).isTrue();
        assertChainVerifies(certificate, ca.certificate());
        ca.verify(certificate);
    }

    @Test
    void clientCertificateNamesUserAndGroupsWithClientAuth() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(30), clock);

        CertificateKeyPair node = ca.issue(CertificateProfile.client(ClientIdentity.node("worker-1")), Duration.ofDays(10));

        X509Certificate certificate = node.certificate();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=system:node:worker-1,O=system:nodes");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(certificate.getSubjectAlternativeNames()).isNull();
        assertThat(ClientIdentity.of(certificate)).isEqualTo(new ClientIdentity("system:node:worker-1", List.of("system:nodes")));
        assertChainVerifies(certificate, ca.certificate());
    }

    @Test
    void severalGroupsBecomeSeveralOrganizations() {
        CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(30), clock);
        ClientIdentity identity = new ClientIdentity("jane", List.of("dev", "ops"));

        X509Certificate certificate = ca.issue(CertificateProfile.client(identity), Duration.ofDays(1)).certificate();

        assertThat(ClientIdentity.of(certificate)).isEqualTo(identity);
    }

    @Test
    void verifyRejectsForeignAndExpiredCertificates() {
        CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(30), clock);
        CertificateAuthority other = CertificateAuthority.create("keel-ca", Duration.ofDays(30), clock);
        X509Certificate foreign = other.issue(CertificateProfile.client(ClientIdentity.admin()), Duration.ofDays(1)).certificate();
        assertThat(ca.issued(foreign)).isFalse();
        assertThatThrownBy(() -> ca.verify(foreign)).isInstanceOf(CertificateException.class)
                .hasMessageContaining("not signed by the cluster CA");

        X509Certificate shortLived = ca.issue(CertificateProfile.client(ClientIdentity.admin()), Duration.ofHours(1)).certificate();
        CertificateAuthority later = CertificateAuthority.load(ca.keyPair(),
                Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC), "test");
        assertThatThrownBy(() -> later.verify(shortLived)).isInstanceOf(CertificateException.class);
    }

    @Test
    void aHalfPresentCaIsAnErrorNotAReplacement() throws Exception {
        CertificateAuthority.loadOrCreate(dir, Duration.ofDays(30), clock);
        Files.delete(dir.resolve("ca.key"));

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(dir, Duration.ofDays(30), clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ca.key is missing");
        assertThat(dir.resolve("ca.key")).doesNotExist();
    }

    @Test
    void aCaKeyThatDoesNotMatchIsRejected() throws Exception {
        CertificateAuthority.loadOrCreate(dir, Duration.ofDays(30), clock);
        CertificateAuthority other = CertificateAuthority.create("keel-ca", Duration.ofDays(30), clock);
        Files.writeString(dir.resolve("ca.key"), other.keyPair().privateKeyPem());

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(dir, Duration.ofDays(30), clock))
                .hasMessageContaining("does not belong to the CA certificate");
    }

    @Test
    void leavesNeverOutliveTheirCa() {
        CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(5), clock);

        X509Certificate leaf = ca.issue(CertificateProfile.client(ClientIdentity.admin()), Duration.ofDays(365)).certificate();

        assertThat(leaf.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    static void assertChainVerifies(X509Certificate leaf, X509Certificate ca) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(new Date());
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf)), parameters);
    }
}
