package dev.keel.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.registry.KindStrategies;
import dev.keel.api.rest.ResponseRenderer;
import dev.keel.api.security.pki.CertificateAuthority;
import dev.keel.api.security.pki.CertificateProfile;
import dev.keel.api.security.pki.ClientIdentity;
import dev.keel.api.table.TableRenderer;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AuthenticationFilterTest {

    private final CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(30), Clock.systemUTC());
    private final AuthenticationFilter filter = new AuthenticationFilter(
            new RequestAuthenticator(ca, TokenFile.parse(List.of("secret,jane,42,\"dev\""), "tokens.csv")),
            new ResponseRenderer(new ObjectCodec(), new TableRenderer(List.of(), Clock.systemUTC()), new KindStrategies(List.of())));

    @Test
    void noCredentialsGetKubernetesUnauthorizedStatus() throws Exception {
        for (String path : List.of("/api", "/apis", "/openapi/v2", "/actuator/prometheus", "/livez/etcd")) {
            MockHttpServletResponse response = run(request(path), new MockFilterChain());

            assertThat(response.getStatus()).as(path).isEqualTo(401);
            assertThat(response.getContentType()).isEqualTo("application/json");
            JsonNode status = new ObjectMapper().readTree(response.getContentAsString());
            assertThat(status).isEqualTo(new ObjectMapper().readTree("""
                    {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized",
                     "reason":"Unauthorized","code":401}"""));
        }
    }

    @Test
    void healthAndVersionArePublicButABadTokenIsStillRejected() throws Exception {
        for (String path : List.of("/livez", "/readyz", "/healthz", "/version")) {
            MockFilterChain chain = new MockFilterChain();
            assertThat(run(request(path), chain).getStatus()).isEqualTo(200);
            assertThat(UserInfo.of(chain.getRequest())).contains(UserInfo.ANONYMOUS);
            assertThat(((HttpServletRequest) chain.getRequest()).getUserPrincipal()).isNull();
        }
        MockHttpServletRequest badToken = request("/livez");
        badToken.addHeader("Authorization", "Bearer wrong");
        assertThat(run(badToken, new MockFilterChain()).getStatus()).isEqualTo(401);
    }

    @Test
    void aValidTokenPassesWithTheUserAndWithoutTheCredential() throws Exception {
        MockHttpServletRequest request = request("/api/v1/namespaces");
        request.addHeader("Authorization", "Bearer secret");
        MockFilterChain chain = new MockFilterChain();

        assertThat(run(request, chain).getStatus()).isEqualTo(200);

        HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
        assertThat(UserInfo.of(seen)).contains(new UserInfo("jane", "42", List.of("dev", "system:authenticated")));
        assertThat(seen.getUserPrincipal().getName()).isEqualTo("jane");
        assertThat(seen.getHeader("Authorization")).isNull();
        assertThat(Collections.list(seen.getHeaderNames())).doesNotContain("Authorization");
    }

    @Test
    void aClientCertificatePasses() throws Exception {
        X509Certificate admin = ca.issue(CertificateProfile.client(ClientIdentity.admin()), Duration.ofDays(1)).certificate();
        MockHttpServletRequest request = request("/api");
        request.setAttribute("jakarta.servlet.request.X509Certificate", new X509Certificate[] {admin});
        MockFilterChain chain = new MockFilterChain();

        assertThat(run(request, chain).getStatus()).isEqualTo(200);
        assertThat(UserInfo.of(chain.getRequest())).get().extracting(UserInfo::name, UserInfo::groups)
                .containsExactly("admin", List.of("system:masters", "system:authenticated"));
    }

    private static MockHttpServletRequest request(String path) {
        return new MockHttpServletRequest("GET", path);
    }

    private MockHttpServletResponse run(MockHttpServletRequest request, MockFilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }
}
