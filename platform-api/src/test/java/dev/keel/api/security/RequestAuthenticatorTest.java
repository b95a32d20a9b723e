package dev.keel.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.api.security.pki.CertificateAuthority;
import dev.keel.api.security.pki.CertificateProfile;
import dev.keel.api.security.pki.ClientIdentity;
import dev.keel.api.security.pki.SubjectAlternativeNames;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestAuthenticatorTest {

    private final CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(30), Clock.systemUTC());
    private final TokenFile tokens = TokenFile.parse(List.of("secret,jane,42,\"dev,ops\""), "tokens.csv");
    private final RequestAuthenticator authenticator = new RequestAuthenticator(ca, tokens);

    @Test
    void noCredentialsIsNobody() throws Exception {
        assertThat(authenticator.authenticate(null, null)).isEmpty();
        assertThat(authenticator.authenticate(new X509Certificate[0], "Basic amFuZTpzZWNyZXQ=")).isEmpty();
        assertThat(authenticator.authenticate(null, "Bearer")).isEmpty();
    }

    @Test
    void aKnownBearerTokenIsItsUser() throws Exception {
        UserInfo jane = new UserInfo("jane", "42", List.of("dev", "ops", "system:authenticated"));

        assertThat(authenticator.authenticate(null, "Bearer secret")).contains(jane);
        assertThat(authenticator.authenticate(null, "  bearer secret ")).contains(jane);
        assertThatThrownBy(() -> authenticator.authenticate(null, "Bearer wrong"))
                .isInstanceOf(AuthenticationException.class).hasMessage("invalid bearer token");
    }

    @Test
    void aClientCertificateOfTheClusterCaIsItsSubject() throws Exception {
        X509Certificate node = ca.issue(CertificateProfile.client(ClientIdentity.node("n1")), Duration.ofDays(1)).certificate();

        assertThat(authenticator.authenticate(new X509Certificate[] {node}, "Bearer wrong"))
                .contains(new UserInfo("system:node:n1", "", List.of("system:nodes", "system:authenticated")));
    }

    @Test
    void foreignOrServerCertificatesDoNotAuthenticate() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("keel-ca", Duration.ofDays(30), Clock.systemUTC());
        X509Certificate foreign = other.issue(CertificateProfile.client(ClientIdentity.admin()), Duration.ofDays(1)).certificate();
        X509Certificate server = ca.issue(CertificateProfile.server("keel-apiserver",
                SubjectAlternativeNames.parse(List.of("localhost"))), Duration.ofDays(1)).certificate();

        assertThatThrownBy(() -> authenticator.authenticate(new X509Certificate[] {foreign}, null))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("not signed by the cluster CA");
        assertThatThrownBy(() -> authenticator.authenticate(new X509Certificate[] {server}, null))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("not valid for client authentication");
        // Like Kubernetes' union authenticator: a failing certificate still lets a valid token through.
        assertThat(authenticator.authenticate(new X509Certificate[] {foreign}, "Bearer secret")).get()
                .extracting(UserInfo::name).isEqualTo("jane");
    }
}
