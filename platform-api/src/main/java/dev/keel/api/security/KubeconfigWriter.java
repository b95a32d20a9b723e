package dev.keel.api.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.api.security.pki.AtomicFiles;
import dev.keel.api.security.pki.CertificateKeyPair;
import dev.keel.api.security.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kubeconfigs with embedded credentials (certificate-authority-data, client-certificate-data, client-key-data). */
public final class KubeconfigWriter {

    /** Name of the cluster and of the context in written kubeconfigs. */
    public static final String CLUSTER = "keel";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private KubeconfigWriter() {
    }

    /** A kubeconfig whose only context {@value #CLUSTER} reaches {@code server} as {@code user} with {@code credentials}. */
    public static String render(URI server, X509Certificate ca, String user, CertificateKeyPair credentials) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", server.toString());
        cluster.put("certificate-authority-data", base64(Pem.encode(ca)));
        Map<String, Object> userEntry = new LinkedHashMap<>();
        userEntry.put("client-certificate-data", base64(credentials.certificatePem()));
        userEntry.put("client-key-data", base64(credentials.privateKeyPem()));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cluster", CLUSTER);
        context.put("user", user);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", List.of(named(CLUSTER, "cluster", cluster)));
        config.put("users", List.of(named(user, "user", userEntry)));
        config.put("contexts", List.of(named(CLUSTER, "context", context)));
        config.put("current-context", CLUSTER);
        config.put("preferences", Map.of());
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not render a kubeconfig", e);
        }
    }

    /**
     * Replaces {@code path} atomically with {@code content}, mode 600, unless it already holds exactly that.
     *
     * @return whether the file was written
     */
    public static boolean write(Path path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isRegularFile(path) && Arrays.equals(Files.readAllBytes(path), bytes)) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
        AtomicFiles.writePrivate(path, bytes);
        return true;
    }

    private static Map<String, Object> named(String name, String key, Map<String, Object> value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put(key, value);
        return entry;
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
