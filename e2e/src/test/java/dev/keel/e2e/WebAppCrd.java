package dev.keel.e2e;

import dev.keel.examples.webapp.WebApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The example operator's CustomResourceDefinition (examples/webapp-operator's {@code webapp-crd.yaml}), installed
 * with {@code kubectl apply} as its users install it. It stays after the test classes that use it: deleting it would
 * delete every WebApp, and a class applying it again soon after would meet it still Terminating; the cluster goes
 * down after the run anyway.
 */
final class WebAppCrd {

    private static final Duration ESTABLISHED = Duration.ofMinutes(1);

    private WebAppCrd() {
    }

    /** Applies the CRD (idempotent) and waits until it is Established and kubectl's discovery serves the kind. */
    static void install(LocalCluster cluster) {
        cluster.kubectlWithInput(manifest(), "apply", "-f", "-");
        cluster.kubectl("wait", "--for=condition=Established", "crd/" + WebApp.CRD_NAME, "--timeout=60s");
        Poll.until(ESTABLISHED, "discovery lists webapps in " + WebApp.GROUP, () ->
                cluster.kubectl("api-resources", "--api-group=" + WebApp.GROUP, "--no-headers").contains("webapps"));
    }

    static String manifest() {
        try (InputStream yaml = WebApp.class.getResourceAsStream(WebApp.CRD_RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException(WebApp.CRD_RESOURCE + " is not on the classpath (webapp-operator jar)");
            }
            return new String(yaml.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + WebApp.CRD_RESOURCE, e);
        }
    }
}
