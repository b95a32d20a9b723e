package dev.keel.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.keel.api.testing.ApiServerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm 3 itself (its Go library, client-go inside, through helm-java) installs and uninstalls a chart against the
 * in-process server with the kubeconfig the server wrote. Helm keeps each release in a Secret, which its typed
 * client-go deletes with a protobuf DeleteOptions body.
 */
class HelmReleaseTest extends ApiServerTest {

    @TempDir
    Path charts;

    @Test
    void uninstallRemovesTheReleaseSecretAndTheChartsObjects() throws IOException {
        String namespace = createNamespace("helm");
        Path chart = tinyChart();

        Release release = new Helm(chart).install().withName("demo").withNamespace(namespace)
                .withKubeConfig(kubeconfig()).call();

        assertThat(release.getStatus()).isEqualTo("deployed");
        String secrets = "/api/v1/namespaces/" + namespace + "/secrets?labelSelector=owner%3Dhelm,name%3Ddemo";
        assertThat(api().get(secrets).json().path("items")).hasSize(1);
        assertThat(api().get("/api/v1/namespaces/" + namespace + "/configmaps/demo-settings").status()).isEqualTo(200);

        String result = Helm.uninstall("demo").withNamespace(namespace).withKubeConfig(kubeconfig()).call();

        assertThat(result).contains("release \"demo\" uninstalled");
        assertThat(api().get(secrets).json().path("items")).isEmpty();
        assertThat(api().get("/api/v1/namespaces/" + namespace + "/configmaps/demo-settings").status()).isEqualTo(404);
    }

    /** A chart with one ConfigMap: enough for Helm's own release bookkeeping to run in full. */
    private Path tinyChart() throws IOException {
        Path chart = charts.resolve("tiny");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), """
                apiVersion: v2
                name: tiny
                version: 0.1.0
                """);
        Files.writeString(chart.resolve("values.yaml"), "mode: fast\n");
        Files.writeString(chart.resolve("templates/configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-settings
                data:
                  mode: {{ .Values.mode | quote }}
                """);
        return chart;
    }
}
