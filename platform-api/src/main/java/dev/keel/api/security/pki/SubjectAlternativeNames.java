package dev.keel.api.security.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;

/** Turns configured names ("10.96.0.1", "kubernetes.default") into IP-address or DNS-name SAN entries. */
public final class SubjectAlternativeNames {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DNS = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");

    private SubjectAlternativeNames() {
    }

    public static List<GeneralName> parse(Collection<String> entries) {
        List<GeneralName> names = new ArrayList<>();
        for (String entry : entries) {
            GeneralName name = parse(entry);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** An IP literal becomes an iPAddress entry, anything else a dNSName; never resolves names. */
    public static GeneralName parse(String entry) {
        String value = entry == null ? "" : entry.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (IPV4.matcher(value).matches() || value.contains(":")) {
            return new GeneralName(GeneralName.iPAddress, new DEROctetString(ipLiteral(value)));
        }
        String host = value.toLowerCase(Locale.ROOT);
        if (!DNS.matcher(host).matches()) {
            throw new IllegalArgumentException("\"" + entry + "\" is neither an IP address nor a DNS name");
        }
        return new GeneralName(GeneralName.dNSName, host);
    }

    /** Readable form for logs: {@code 10.96.0.1} or {@code kubernetes}. */
    public static String describe(GeneralName name) {
        if (name.getTagNo() == GeneralName.iPAddress) {
            try {
                return InetAddress.getByAddress(ASN1OctetString.getInstance(name.getName()).getOctets()).getHostAddress();
            } catch (UnknownHostException e) {
                return name.toString();
            }
        }
        return name.getName().toString();
    }

    private static byte[] ipLiteral(String value) {
        if (IPV4.matcher(value).matches()) {
            for (String octet : value.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("\"" + value + "\" is not a valid IPv4 address");
                }
            }
        }
        try {
            // Only literals reach here (dotted quad or containing ':'), so no DNS lookup happens.
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a valid IP address", e);
        }
    }
}
