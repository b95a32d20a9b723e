package dev.keel.api.security.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaf certificates signed by the cluster CA and kept as {@code <name>.crt} / {@code <name>.key} in the PKI
 * directory: reused while they still match, reissued when missing, changed, foreign or near expiry.
 */
public final class IssuedCertificates {

    private static final Logger log = LoggerFactory.getLogger(IssuedCertificates.class);

    private final CertificateAuthority ca;
    private final Path dir;
    private final Duration validity;
    private final Clock clock;

    public IssuedCertificates(CertificateAuthority ca, Path dir, Duration validity, Clock clock) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The persisted certificate {@code name}, (re)issued first if it does not fit {@code profile}. */
    public CertificateKeyPair ensure(String name, CertificateProfile profile) {
        Path certificateFile = certificateFile(name);
        Path keyFile = keyFile(name);
        String reason = "missing";
        if (Files.exists(certificateFile) && Files.exists(keyFile)) {
            try {
                CertificateKeyPair existing = CertificateKeyPair.load(certificateFile, keyFile);
                reason = unfitness(existing, profile);
                if (reason == null) {
                    if (existing.rewriteKeyInCurrentEncoding(keyFile)) {
                        log.info("Rewrote {} with its public key, which some clients need", keyFile);
                    }
                    return existing;
                }
            } catch (RuntimeException unreadable) {
                // A leaf is derived data: replace it rather than refuse to start.
                log.warn("Replacing unreadable {}", certificateFile, unreadable);
                reason = "unreadable";
            }
        }
        CertificateKeyPair issued = ca.issue(profile, validity);
        issued.save(certificateFile, keyFile);
        log.info("Issued {} ({}): {}, valid until {}", certificateFile, reason,
                issued.certificate().getSubjectX500Principal(), issued.certificate().getNotAfter().toInstant());
        return issued;
    }

    /** A fresh certificate that is not persisted, e.g. to hand to a component that stores it itself. */
    public CertificateKeyPair issue(CertificateProfile profile) {
        return ca.issue(profile, validity);
    }

    /** A client certificate for {@code identity}, kept as {@code <name>.crt} / {@code <name>.key}. */
    public CertificateKeyPair ensureClient(String name, ClientIdentity identity) {
        return ensure(name, CertificateProfile.client(identity));
    }

    public Path certificateFile(String name) {
        return dir.resolve(name + ".crt");
    }

    public Path keyFile(String name) {
        return dir.resolve(name + ".key");
    }

    public CertificateAuthority ca() {
        return ca;
    }

    private String unfitness(CertificateKeyPair existing, CertificateProfile profile) {
        if (!ca.issued(existing.certificate())) {
            return "not signed by the current CA";
        }
        if (!profile.describes(existing.certificate())) {
            return "subject, names or usage changed";
        }
        if (existing.renewalDue(clock.instant())) {
            return "expires " + existing.certificate().getNotAfter().toInstant();
        }
        if (!existing.keyMatches()) {
            return "key does not match the certificate";
        }
        return null;
    }
}
