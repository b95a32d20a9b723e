package dev.keel.api.security.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * What a leaf certificate says: its subject, its subject alternative names and what it may be used for
 * (TLS server or TLS client).
 */
public record CertificateProfile(X500Name subject, List<GeneralName> subjectAltNames, KeyPurposeId usage) {

    public CertificateProfile {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(usage, "usage");
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    /** A serving certificate valid for the given names and addresses. */
    public static CertificateProfile server(String commonName, List<GeneralName> subjectAltNames) {
        if (subjectAltNames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one subject alternative name");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        return new CertificateProfile(subject, subjectAltNames, KeyPurposeId.id_kp_serverAuth);
    }

    /** A client certificate that authenticates as {@code identity}. */
    public static CertificateProfile client(ClientIdentity identity) {
        return new CertificateProfile(identity.subject(), List.of(), KeyPurposeId.id_kp_clientAuth);
    }

    /** Whether {@code certificate} already says exactly this (so it can be kept instead of reissued). */
    public boolean describes(X509Certificate certificate) {
        X509CertificateHolder holder;
        try {
            holder = new JcaX509CertificateHolder(certificate);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("unreadable certificate " + certificate.getSubjectX500Principal(), e);
        }
        if (!holder.getSubject().equals(subject)) {
            return false;
        }
        GeneralNames names = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName);
        List<GeneralName> present = names == null ? List.of() : List.of(names.getNames());
        if (!new HashSet<>(present).equals(new HashSet<>(subjectAltNames))) {
            return false;
        }
        ExtendedKeyUsage usages = ExtendedKeyUsage.fromExtensions(holder.getExtensions());
        return usages != null && usages.getUsages().length == 1 && usages.hasKeyPurposeId(usage);
    }
}
