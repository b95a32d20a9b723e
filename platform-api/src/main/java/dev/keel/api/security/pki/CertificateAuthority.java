package dev.keel.api.security.pki;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster CA (ECDSA P-256, CN=keel-ca): created once, kept in {@code ca.crt} / {@code ca.key}, and the only
 * issuer whose certificates the API server trusts. Keeping it across restarts keeps existing kubeconfigs working.
 */
public final class CertificateAuthority {

    public static final String CERTIFICATE_FILE = "ca.crt";
    public static final String KEY_FILE = "ca.key";
    public static final String COMMON_NAME = "keel-ca";

    /** Tolerates clocks of other machines running a little behind. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CertificateKeyPair ca;
    private final Clock clock;

    private CertificateAuthority(CertificateKeyPair ca, Clock clock) {
        this.ca = ca;
        this.clock = clock;
    }

    /** Loads the CA from {@code dir}, or creates and saves one when neither file exists. */
    public static CertificateAuthority loadOrCreate(Path dir, Duration validity, Clock clock) {
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        boolean haveCertificate = Files.exists(certificateFile);
        boolean haveKey = Files.exists(keyFile);
        if (!haveCertificate && !haveKey) {
            CertificateAuthority created = create(COMMON_NAME, validity, clock);
            AtomicFiles.createPrivateDirectories(dir);
            created.ca.save(certificateFile, keyFile);
            log.info("Created cluster CA {} in {}", COMMON_NAME, dir.toAbsolutePath());
            return created;
        }
        if (haveCertificate != haveKey) {
            throw new IllegalStateException((haveCertificate ? keyFile : certificateFile) + " is missing while "
                    + (haveCertificate ? certificateFile : keyFile) + " exists: restore it, or remove both to create a"
                    + " new CA (which invalidates every kubeconfig and certificate issued so far)");
        }
        CertificateAuthority loaded = load(CertificateKeyPair.load(certificateFile, keyFile), clock, dir.toString());
        if (loaded.ca.rewriteKeyInCurrentEncoding(keyFile)) {
            log.info("Rewrote {} with its public key, which some clients need", keyFile);
        }
        return loaded;
    }

    /** A new CA kept in memory only. */
    public static CertificateAuthority create(String commonName, Duration validity, Clock clock) {
        KeyPair keys = newKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(validity)), name, keys.getPublic())
                    // Path length 0: this CA signs leaf certificates only.
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(new CertificateKeyPair(sign(builder, keys.getPrivate()), keys.getPrivate()), clock);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("could not create CA " + commonName, e);
        }
    }

    /** Wraps an existing CA certificate and key after checking they belong together and can sign. */
    public static CertificateAuthority load(CertificateKeyPair ca, Clock clock, String source) {
        if (ca.certificate().getBasicConstraints() < 0) {
            throw new IllegalStateException(source + ": " + ca.certificate().getSubjectX500Principal() + " is not a CA certificate");
        }
        if (!ca.keyMatches()) {
            throw new IllegalStateException(source + ": the CA key does not belong to the CA certificate");
        }
        try {
            ca.certificate().checkValidity(Date.from(clock.instant()));
        } catch (CertificateException e) {
            throw new IllegalStateException(source + ": the CA certificate is not valid now (" + e.getMessage()
                    + "); remove ca.crt and ca.key to create a new CA", e);
        }
        if (ca.renewalDue(clock.instant())) {
            log.warn("{}: the cluster CA expires {}; plan a CA rotation (remove ca.crt and ca.key, then redistribute"
                    + " kubeconfigs)", source, ca.certificate().getNotAfter().toInstant());
        }
        return new CertificateAuthority(ca, clock);
    }

    public X509Certificate certificate() {
        return ca.certificate();
    }

    /** The CA with its key; package-private so the key never leaves the PKI code. */
    CertificateKeyPair keyPair() {
        return ca;
    }

    /** Issues a certificate for a newly generated key. */
    public CertificateKeyPair issue(CertificateProfile profile, Duration validity) {
        KeyPair keys = newKeyPair();
        return new CertificateKeyPair(issue(profile, keys.getPublic(), validity), keys.getPrivate());
    }

    /** Issues a certificate for {@code publicKey}. */
    public X509Certificate issue(CertificateProfile profile, PublicKey publicKey, Duration validity) {
        Instant now = clock.instant();
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(ca.certificate().getNotAfter().toInstant())) {
            // A leaf outliving its CA would fail verification on that day anyway; make it explicit.
            notAfter = ca.certificate().getNotAfter().toInstant();
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), profile.subject(), publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(leafKeyUsage(publicKey)))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(profile.usage()))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.certificate()));
            if (!profile.subjectAltNames().isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(profile.subjectAltNames().toArray(GeneralName[]::new)));
            }
            return sign(builder, ca.privateKey());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("could not issue a certificate for " + profile.subject(), e);
        }
    }

    /** Whether this CA signed {@code certificate} (validity not considered). */
    public boolean issued(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.certificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Throws unless this CA signed {@code certificate} and it is valid now. */
    public void verify(X509Certificate certificate) throws CertificateException {
        if (!issued(certificate)) {
            throw new CertificateException("certificate " + certificate.getSubjectX500Principal() + " issued by "
                    + certificate.getIssuerX500Principal() + " is not signed by the cluster CA");
        }
        certificate.checkValidity(Date.from(clock.instant()));
    }

    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
        };
    }

    private static int leafKeyUsage(PublicKey key) {
        // RSA key exchange (TLS 1.2) needs keyEncipherment; ECDSA keys only sign.
        return "RSA".equals(key.getAlgorithm()) ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) throws CertificateException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey)));
        } catch (OperatorCreationException e) {
            throw new CertificateException("could not sign with a " + signingKey.getAlgorithm() + " key", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot generate ECDSA P-256 keys", e);
        }
    }

    /** Random, positive, at most 16 bytes: unique without coordination, within RFC 5280's 20-byte limit. */
    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
