package dev.keel.api.admission.webhook;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a server whose chain the delegate accepts and whose certificate names {@code serverName} (a DNS name in
 * its subjectAltNames, one leading wildcard label allowed), whatever address the connection went to: a service
 * webhook is dialled at an endpoint IP but must present a certificate for {@code <service>.<namespace>.svc}.
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {

    private static final int DNS_NAME = 2;

    private final X509TrustManager delegate;
    private final String serverName;

    ServerNameTrustManager(X509TrustManager delegate, String serverName) {
        this.delegate = delegate;
        this.serverName = serverName.toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        checkName(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("webhook clients do not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private void checkName(X509Certificate certificate) throws CertificateException {
        for (String name : dnsNames(certificate)) {
            if (matches(name.toLowerCase(Locale.ROOT))) {
                return;
            }
        }
        throw new CertificateException("x509: certificate is not valid for " + serverName + " (names "
                + dnsNames(certificate) + ")");
    }

    private boolean matches(String name) {
        if (name.equals(serverName)) {
            return true;
        }
        int dot = serverName.indexOf('.');
        return name.startsWith("*.") && dot > 0 && name.substring(1).equals(serverName.substring(dot));
    }

    private static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return List.of();
        }
        return names.stream()
                .filter(entry -> entry.size() == 2 && entry.get(0) instanceof Integer type && type == DNS_NAME)
                .map(entry -> String.valueOf(entry.get(1)))
                .toList();
    }
}
