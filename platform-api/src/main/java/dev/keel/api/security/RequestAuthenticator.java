package dev.keel.api.security;

import dev.keel.api.security.pki.CertificateAuthority;
import dev.keel.api.security.pki.ClientIdentity;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Kubernetes' authenticator chain for the credentials keel accepts: a client certificate signed by the cluster CA
 * first, then a bearer token from the token file. The first that proves an identity wins.
 */
public final class RequestAuthenticator {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private final CertificateAuthority ca;
    private final TokenFile tokens;

    public RequestAuthenticator(CertificateAuthority ca, TokenFile tokens) {
        this.ca = ca;
        this.tokens = tokens;
    }

    /**
     * The user the credentials prove, empty when there are none.
     *
     * @param clientChain the TLS client chain (leaf first), or null
     * @param authorization the Authorization header, or null
     * @throws AuthenticationException credentials were given and none was valid
     */
    public Optional<UserInfo> authenticate(X509Certificate[] clientChain, String authorization) throws AuthenticationException {
        AuthenticationException certificateFailure = null;
        if (clientChain != null && clientChain.length > 0) {
            try {
                return Optional.of(fromCertificate(clientChain[0]));
            } catch (AuthenticationException e) {
                certificateFailure = e;
            }
        }
        Optional<String> token = bearerToken(authorization);
        if (token.isPresent()) {
            Optional<UserInfo> user = tokens.authenticate(token.get());
            if (user.isPresent()) {
                return user;
            }
            AuthenticationException failure = new AuthenticationException("invalid bearer token");
            if (certificateFailure != null) {
                failure.addSuppressed(certificateFailure);
            }
            throw failure;
        }
        if (certificateFailure != null) {
            throw certificateFailure;
        }
        return Optional.empty();
    }

    /** The token of {@code Authorization: Bearer <token>}; other schemes are not credentials keel reads. */
    static Optional<String> bearerToken(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String[] parts = authorization.strip().split(" ", 3);
        if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }

    private UserInfo fromCertificate(X509Certificate leaf) throws AuthenticationException {
        try {
            ca.verify(leaf);
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
                throw new AuthenticationException("client certificate " + leaf.getSubjectX500Principal()
                        + " is not valid for client authentication");
            }
            ClientIdentity identity = ClientIdentity.of(leaf);
            return UserInfo.authenticated(identity.user(), "", identity.groups());
        } catch (CertificateParsingException e) {
            throw new AuthenticationException("unreadable client certificate: " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new AuthenticationException("client certificate rejected: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("client certificate rejected: " + e.getMessage(), e);
        }
    }
}
