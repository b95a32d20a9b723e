package dev.keel.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.api.security.pki.CertificateAuthority;
import dev.keel.api.security.pki.CertificateKeyPair;
import dev.keel.api.security.pki.CertificateProfile;
import dev.keel.api.security.pki.ClientIdentity;
import dev.keel.api.security.pki.Pem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigWriterTest {

    private final CertificateAuthority ca = CertificateAuthority.create("keel-ca", Duration.ofDays(30), Clock.systemUTC());
    private final CertificateKeyPair admin = ca.issue(CertificateProfile.client(ClientIdentity.admin()), Duration.ofDays(1));

    @Test
    void embedsTheCaAndTheClientCredentials() throws Exception {
        String rendered = KubeconfigWriter.render(URI.create("https://127.0.0.1:6443"), ca.certificate(), "keel-admin", admin);

        JsonNode config = new YAMLMapper().readTree(rendered);
        assertThat(config.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(config.path("kind").asText()).isEqualTo("Config");
        assertThat(config.path("current-context").asText()).isEqualTo("keel");
        JsonNode cluster = config.path("clusters").get(0);
        assertThat(cluster.path("name").asText()).isEqualTo("keel");
        assertThat(cluster.path("cluster").path("server").asText()).isEqualTo("https://127.0.0.1:6443");
        assertThat(Pem.certificate(decode(cluster.path("cluster").path("certificate-authority-data")), "ca"))
                .isEqualTo(ca.certificate());
        JsonNode user = config.path("users").get(0);
        assertThat(user.path("name").asText()).isEqualTo("keel-admin");
        CertificateKeyPair embedded = new CertificateKeyPair(
                Pem.certificate(decode(user.path("user").path("client-certificate-data")), "cert"),
                Pem.privateKey(decode(user.path("user").path("client-key-data")), "key"));
        assertThat(embedded.certificate()).isEqualTo(admin.certificate());
        assertThat(embedded.keyMatches()).isTrue();
        JsonNode context = config.path("contexts").get(0);
        assertThat(context.path("name").asText()).isEqualTo("keel");
        assertThat(context.path("context").path("cluster").asText()).isEqualTo("keel");
        assertThat(context.path("context").path("user").asText()).isEqualTo("keel-admin");
        assertThat(rendered).doesNotStartWith("---");
    }

    @Test
    void writesAtomicallyOwnerOnlyAndOnlyWhenChanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state").resolve("kubeconfig");
        String content = KubeconfigWriter.render(URI.create("https://127.0.0.1:6443"), ca.certificate(), "keel-admin", admin);

        assertThat(KubeconfigWriter.write(file, content)).isTrue();
        assertThat(KubeconfigWriter.write(file, content)).isFalse();
        assertThat(KubeconfigWriter.write(file, content.replace("6443", "7443"))).isTrue();

        assertThat(Files.readString(file)).contains("https://127.0.0.1:7443");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    private static String decode(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.US_ASCII);
    }
}
