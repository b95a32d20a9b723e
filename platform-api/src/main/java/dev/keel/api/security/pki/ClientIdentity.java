package dev.keel.api.security.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Who a client certificate speaks for, mapped as Kubernetes does: the subject's CN is the user name and every O
 * is a group.
 */
public record ClientIdentity(String user, List<String> groups) {

    public ClientIdentity {
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("a client certificate needs a user name (CN)");
        }
        groups = List.copyOf(groups);
    }

    /** The cluster administrator: member of system:masters, which RBAC lets do anything. */
    public static ClientIdentity admin() {
        return new ClientIdentity("admin", List.of("system:masters"));
    }

    /** A node agent, named as the Node object it registers. */
    public static ClientIdentity node(String nodeName) {
        return new ClientIdentity("system:node:" + nodeName, List.of("system:nodes"));
    }

    public static ClientIdentity scheduler() {
        return new ClientIdentity("system:kube-scheduler", List.of());
    }

    public static ClientIdentity controllerManager() {
        return new ClientIdentity("system:kube-controller-manager", List.of());
    }

    public static ClientIdentity proxy() {
        return new ClientIdentity("system:kube-proxy", List.of("system:node-proxier"));
    }

    /** The identity a certificate's subject names. */
    public static ClientIdentity of(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        List<String> names = values(subject, BCStyle.CN);
        if (names.isEmpty() || names.get(0).isBlank()) {
            throw new IllegalArgumentException("certificate subject \"" + subject + "\" has no common name (CN)");
        }
        return new ClientIdentity(names.get(0), values(subject, BCStyle.O));
    }

    /** The subject to issue: one O per group, then the CN. */
    public X500Name subject() {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        groups.forEach(group -> builder.addRDN(BCStyle.O, group));
        return builder.addRDN(BCStyle.CN, user).build();
    }

    private static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(type)) {
                    values.add(text(attribute.getValue()));
                }
            }
        }
        return values;
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String string ? string.getString() : value.toString();
    }
}
