package dev.keel.api.security.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** A certificate with its private key, as persisted in a {@code name.crt} / {@code name.key} pair. */
public record CertificateKeyPair(X509Certificate certificate, PrivateKey privateKey) {

    public CertificateKeyPair {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    public static CertificateKeyPair load(Path certificateFile, Path keyFile) {
        return new CertificateKeyPair(Pem.readCertificate(certificateFile), Pem.readPrivateKey(keyFile));
    }

    public void save(Path certificateFile, Path keyFile) {
        // Key first: a reader that finds the new certificate must also find its key.
        AtomicFiles.writePrivate(keyFile, privateKeyPem().getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writePublic(certificateFile, certificatePem().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Rewrites {@code keyFile} when it holds this key in another encoding than {@link #privateKeyPem()} (keys written
     * by older releases lack the EC public part some clients need); the key itself does not change.
     *
     * @return whether the file was rewritten
     */
    public boolean rewriteKeyInCurrentEncoding(Path keyFile) {
        byte[] current = privateKeyPem().getBytes(StandardCharsets.US_ASCII);
        try {
            if (Arrays.equals(Files.readAllBytes(keyFile), current)) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + keyFile, e);
        }
        AtomicFiles.writePrivate(keyFile, current);
        return true;
    }

    public String certificatePem() {
        return Pem.encode(certificate);
    }

    public String privateKeyPem() {
        return Pem.encode(privateKey);
    }

    /** Whether the private key belongs to the certificate's public key (proved by signing, for any key type). */
    public boolean keyMatches() {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            String algorithm = CertificateAuthority.signatureAlgorithm(privateKey);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Due for renewal once less than a third of its lifetime is left (or it has expired). */
    public boolean renewalDue(Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration lifetime = Duration.between(notBefore, notAfter);
        return now.isAfter(notAfter.minus(lifetime.dividedBy(3))) || now.isBefore(notBefore);
    }
}
