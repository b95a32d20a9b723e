package dev.keel.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCredentialsTest {

    @TempDir
    Path state;

    private ApiSecurityProperties properties() {
        ApiSecurityProperties properties = new ApiSecurityProperties();
        properties.setPkiDir(state.resolve("pki"));
        properties.setKubeconfig(state.resolve("kubeconfig"));
        return properties;
    }

    @Test
    void firstStartCreatesEverythingAndTheAdminToken() throws Exception {
        ClusterCredentials credentials = ClusterCredentials.prepare(properties(), Clock.systemUTC());

        String token = Files.readString(state.resolve("admin-token")).strip();
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(credentials.tokens().authenticate(token)).contains(
                new UserInfo("admin", "admin", List.of("system:masters", "system:authenticated")));
        assertThat(Files.getPosixFilePermissions(state.resolve("pki"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(credentials.ca().issued(credentials.server().certificate())).isTrue();
        assertThat(credentials.ca().issued(credentials.admin().certificate())).isTrue();
    }

    @Test
    void restartsReuseTheCaCertificatesAndTokens() throws Exception {
        ClusterCredentials first = ClusterCredentials.prepare(properties(), Clock.systemUTC());
        String tokens = Files.readString(state.resolve("pki/tokens.csv"));

        ClusterCredentials second = ClusterCredentials.prepare(properties(), Clock.systemUTC());

        assertThat(second.ca().certificate()).isEqualTo(first.ca().certificate());
        assertThat(second.server().certificate()).isEqualTo(first.server().certificate());
        assertThat(second.admin().certificate()).isEqualTo(first.admin().certificate());
        assertThat(Files.readString(state.resolve("pki/tokens.csv"))).isEqualTo(tokens);
    }

    @Test
    void anExistingTokenFileIsUsedAsIs() throws Exception {
        Path tokenFile = state.resolve("tokens.csv");
        Files.writeString(tokenFile, "t1,ci,7,\"deployers\"\n");
        ApiSecurityProperties properties = properties();
        properties.setTokenFile(tokenFile);

        ClusterCredentials credentials = ClusterCredentials.prepare(properties, Clock.systemUTC());

        assertThat(credentials.tokens().size()).isEqualTo(1);
        assertThat(credentials.tokens().authenticate("t1")).get().extracting(UserInfo::name).isEqualTo("ci");
        assertThat(state.resolve("admin-token")).doesNotExist();
    }

    @Test
    void theKubeconfigUrlFollowsTheListeningPortUnlessConfigured() {
        ApiSecurityProperties properties = properties();
        AdminKubeconfig kubeconfig = new AdminKubeconfig(null, properties);

        assertThat(kubeconfig.serverUrl(6443)).hasToString("https://127.0.0.1:6443");
        properties.setTlsEnabled(false);
        assertThat(kubeconfig.serverUrl(8080)).hasToString("http://127.0.0.1:8080");
        properties.setServerUrl(java.net.URI.create("https://api.example.com"));
        assertThat(kubeconfig.serverUrl(8080)).hasToString("https://api.example.com");
    }
}
