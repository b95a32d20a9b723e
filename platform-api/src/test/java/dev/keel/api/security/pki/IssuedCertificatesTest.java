package dev.keel.api.security.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuedCertificatesTest {

    private static final Duration VALIDITY = Duration.ofDays(90);

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();

    private CertificateProfile server(String... names) {
        return CertificateProfile.server("keel-apiserver", SubjectAlternativeNames.parse(List.of(names)));
    }

    @Test
    void keepsACertificateThatStillFits() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, Duration.ofDays(3650), clock);
        IssuedCertificates issued = new IssuedCertificates(ca, dir, VALIDITY, clock);

        CertificateKeyPair first = issued.ensure("apiserver", server("127.0.0.1", "localhost"));
        CertificateKeyPair second = issued.ensure("apiserver", server("localhost", "127.0.0.1"));

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(Files.getPosixFilePermissions(dir.resolve("apiserver.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("apiserver.crt")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void reissuesWhenTheNamesChange() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, Duration.ofDays(3650), clock);
        IssuedCertificates issued = new IssuedCertificates(ca, dir, VALIDITY, clock);
        CertificateKeyPair first = issued.ensure("apiserver", server("127.0.0.1"));

        CertificateKeyPair second = issued.ensure("apiserver", server("127.0.0.1", "api.example.com"));

        assertThat(second.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
        assertThat(Pem.readCertificate(dir.resolve("apiserver.crt"))).isEqualTo(second.certificate());
        assertThat(server("127.0.0.1", "api.example.com").describes(second.certificate())).isTrue();
    }

    @Test
    void reissuesWhenTheCaChanged() {
        CertificateAuthority oldCa = CertificateAuthority.create("keel-ca", Duration.ofDays(3650), clock);
        new IssuedCertificates(oldCa, dir, VALIDITY, clock).ensureClient("admin", ClientIdentity.admin());
        CertificateAuthority newCa = CertificateAuthority.create("keel-ca", Duration.ofDays(3650), clock);

        CertificateKeyPair admin = new IssuedCertificates(newCa, dir, VALIDITY, clock).ensureClient("admin", ClientIdentity.admin());

        assertThat(newCa.issued(admin.certificate())).isTrue();
    }

    @Test
    void reissuesWithAThirdOfTheLifetimeLeft() {
        CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(3650), clock);
        CertificateKeyPair first = new IssuedCertificates(ca, dir, VALIDITY, clock).ensureClient("admin", ClientIdentity.admin());

        Clock fiftyDaysLater = Clock.fixed(Instant.now().plus(Duration.ofDays(50)), ZoneOffset.UTC);
        CertificateKeyPair kept = new IssuedCertificates(ca, dir, VALIDITY, fiftyDaysLater).ensureClient("admin", ClientIdentity.admin());
        Clock seventyDaysLater = Clock.fixed(Instant.now().plus(Duration.ofDays(70)), ZoneOffset.UTC);
        CertificateKeyPair renewed = new IssuedCertificates(ca, dir, VALIDITY, seventyDaysLater).ensureClient("admin", ClientIdentity.admin());

        assertThat(kept.certificate()).isEqualTo(first.certificate());
        assertThat(renewed.certificate()).isNotEqualTo(first.certificate());
    }

    @Test
    void replacesAnUnreadableCertificate() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(3650), clock);
        Files.writeString(dir.resolve("scheduler.crt"), "garbage");
        Files.writeString(dir.resolve("scheduler.key"), "garbage");

        CertificateKeyPair scheduler = new IssuedCertificates(ca, dir, VALIDITY, clock)
                .ensureClient("scheduler", ClientIdentity.scheduler());

        assertThat(ClientIdentity.of(scheduler.certificate()).user()).isEqualTo("system:kube-scheduler");
        assertThat(CertificateKeyPair.load(dir.resolve("scheduler.crt"), dir.resolve("scheduler.key")).keyMatches()).isTrue();
    }

    @Test
    void issueWithoutPersistingLeavesNoFiles() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(3650), clock);

        CertificateKeyPair controllers = new IssuedCertificates(ca, dir, VALIDITY, clock)
                .issue(CertificateProfile.client(ClientIdentity.controllerManager()));

        assertThat(ca.issued(controllers.certificate())).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
