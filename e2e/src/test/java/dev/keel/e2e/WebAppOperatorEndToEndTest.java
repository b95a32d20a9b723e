package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.testing.Kubectl;
import dev.keel.examples.webapp.WebApp;
import dev.keel.examples.webapp.WebAppOperator;
import dev.keel.examples.webapp.WebAppResources;
import dev.keel.examples.webapp.WebAppStatus;
import dev.keel.examples.webapp.WebAppStatusCalculator;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example operator of examples/webapp-operator (java-operator-sdk) run in the test JVM against the cluster, as
 * its README tells users to run it: its CRD applied with kubectl, a WebApp applied with kubectl, then the Deployment
 * and Service it owns, the pods serving behind the Service, the WebApp's status (Available=True, readyReplicas,
 * observedGeneration), {@code kubectl scale webapp} through the scale subresource followed by the operator,
 * {@code kubectl get webapps} printing the CRD's columns with kubectl 1.27 and 1.33, and deleting the WebApp taking its
 * Deployment and Service along through the garbage collector. WebApps the schema or its CEL rule refuses are refused in
 * kube-apiserver's words and not stored.
 */
@LocalClusterTest
class WebAppOperatorEndToEndTest {

    private static final String APP = "hello";
    private static final Duration ROLLOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalCluster cluster;
    private static KubernetesClient client;
    private static KubernetesClient operatorClient;
    private static Operator operator;
    private static String namespace;
    private static String unwatched;

    @BeforeAll
    static void installCrdAndStartOperator() {
        cluster = LocalCluster.get();
        client = cluster.fabric8();
        namespace = cluster.createNamespace("webapp");
        unwatched = cluster.createNamespace("webapp-unwatched");
        WebAppCrd.install(cluster);
        operatorClient = cluster.fabric8();
        operator = WebAppOperator.start(operatorClient, Set.of(namespace));
    }

    @AfterAll
    static void stopOperator() {
        if (operator != null) {
            operator.stop();
        }
        if (operatorClient != null) {
            operatorClient.close();
        }
        if (cluster != null) {
            cluster.deleteNamespace(unwatched);
            cluster.release(client, namespace);
        }
    }

    @Test
    void operatorRollsOutAWebAppReportsItsStatusFollowsKubectlScaleAndTheGarbageCollectorCleansUp() {
        cluster.kubectlWithInput(webApp(APP, 2), "apply", "-n", namespace, "-f", "-");
        WebApp created = webApps().withName(APP).get();

        Deployment deployment = Poll.until(ROLLOUT, "Deployment " + APP + " owned by WebApp " + APP,
                () -> ownedBy(client.apps().deployments().inNamespace(namespace).withName(APP).get(), created));
        Service service = Poll.until(ROLLOUT, "Service " + APP + " owned by WebApp " + APP,
                () -> ownedBy(client.services().inNamespace(namespace).withName(APP).get(), created));
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(LocalCluster.BUSYBOX);
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(WebAppResources.SERVICE_PORT);

        awaitAvailable(2);
        assertEndpointsCount(2);

        assertThat(cluster.kubectl("scale", "webapp", APP, "-n", namespace, "--replicas=3"))
                .contains("webapp.examples.keel.dev/" + APP + " scaled");
        assertThat(webApps().withName(APP).get().getSpec().getReplicas()).isEqualTo(3);
        Poll.until(ROLLOUT, "Deployment " + APP + " scaled to 3 by the operator", () ->
                client.apps().deployments().inNamespace(namespace).withName(APP).get().getSpec().getReplicas() == 3);
        awaitAvailable(3);
        assertEndpointsCount(3);
        assertScaleSubresource(3);

        for (String version : Kubectl.VERSIONS) {
            assertPrinterColumns(version);
        }

        cluster.kubectl("delete", "webapp", APP, "-n", namespace);
        Poll.until(ROLLOUT, "the garbage collector deletes Deployment and Service " + APP + " of the deleted WebApp",
                () -> client.apps().deployments().inNamespace(namespace).withName(APP).get() == null
                        && client.services().inNamespace(namespace).withName(APP).get() == null);
        Poll.until(ROLLOUT, "the pods of WebApp " + APP + " are gone", () -> client.pods().inNamespace(namespace)
                .withLabel(WebAppResources.APP_LABEL, APP).list().getItems().isEmpty());
    }

    /** In a namespace the operator does not watch: a WebApp wrongly accepted must not start pods. */
    @Test
    void webAppsTheSchemaOrItsCelRuleRefuseAreNotStored() {
        Kubectl kubectl = cluster.kubectlOf("1.33");

        Kubectl.Result tooMany = kubectl.runWithInput(webApp("too-many", 11), "apply", "-n", unwatched, "-f", "-");
        assertThat(tooMany.exitCode()).isNotZero();
        assertThat(tooMany.all()).contains("spec.replicas", "less than or equal to 10");

        String latest = webApp("latest", 1).replace(LocalCluster.BUSYBOX, "localhost:5000/busybox:latest");
        Kubectl.Result unpinned = kubectl.runWithInput(latest, "apply", "-n", unwatched, "-f", "-");
        assertThat(unpinned.exitCode()).isNotZero();
        assertThat(unpinned.all()).contains("image must name a version, not :latest");

        String noImage = webApp("no-image", 1).replaceAll("(?m)^  image: .*\\n", "");
        Kubectl.Result missing = kubectl.runWithInput(noImage, "apply", "-n", unwatched, "-f", "-");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.all()).contains("spec.image", "Required value");

        for (String name : List.of("too-many", "latest", "no-image")) {
            assertThat(client.resources(WebApp.class).inNamespace(unwatched).withName(name).get()).as(name).isNull();
        }

        cluster.kubectlWithInput(webApp("bounded", 1), "apply", "-n", unwatched, "-f", "-");
        Kubectl.Result scaledTooFar = kubectl.run("scale", "webapp", "bounded", "-n", unwatched, "--replicas=11");
        assertThat(scaledTooFar.exitCode()).isNotZero();
        assertThat(scaledTooFar.all()).contains("spec.replicas", "less than or equal to 10");
        assertThat(client.resources(WebApp.class).inNamespace(unwatched).withName("bounded").get().getSpec()
                .getReplicas()).isEqualTo(1);
    }

    private static NonNamespaceOperation<WebApp, KubernetesResourceList<WebApp>, Resource<WebApp>> webApps() {
        return client.resources(WebApp.class).inNamespace(namespace);
    }

    private static <T extends HasMetadata> T ownedBy(T owned, WebApp owner) {
        if (owned == null || owned.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        for (OwnerReference reference : owned.getMetadata().getOwnerReferences()) {
            if (owner.getMetadata().getUid().equals(reference.getUid()) && "WebApp".equals(reference.getKind())
                    && Boolean.TRUE.equals(reference.getController())) {
                return owned;
            }
        }
        return null;
    }

    private static void awaitAvailable(int replicas) {
        WebAppStatus status = Poll.until(ROLLOUT, "WebApp " + APP + " Available=True with " + replicas + " ready", () -> {
            WebApp current = webApps().withName(APP).get();
            WebAppStatus seen = current.getStatus();
            boolean done = seen != null && seen.getReadyReplicas() != null && seen.getReadyReplicas() == replicas
                    && current.getMetadata().getGeneration().equals(seen.getObservedGeneration())
                    && seen.condition(WebAppStatusCalculator.AVAILABLE)
                            .filter(available -> "True".equals(available.getStatus())).isPresent();
            return done ? seen : null;
        });
        assertThat(status.getSelector()).isEqualTo(WebAppResources.APP_LABEL + "=" + APP);
        assertThat(status.condition(WebAppStatusCalculator.PROGRESSING)).isPresent();
    }

    private static void assertEndpointsCount(int expected) {
        Poll.until(ROLLOUT, "Endpoints " + APP + " list " + expected + " addresses", () -> {
            Endpoints endpoints = client.endpoints().inNamespace(namespace).withName(APP).get();
            return endpoints != null && endpoints.getSubsets().stream().map(EndpointSubset::getAddresses)
                    .mapToInt(List<EndpointAddress>::size).sum() == expected;
        });
    }

    /** The scale subresource as an HPA reads it: autoscaling/v1 Scale with the pods' selector. */
    private static void assertScaleSubresource(int replicas) {
        String raw = cluster.kubectl("get", "--raw",
                "/apis/examples.keel.dev/v1/namespaces/" + namespace + "/webapps/" + APP + "/scale");
        try {
            JsonNode scale = JSON.readTree(raw);
            assertThat(scale.path("kind").asText()).isEqualTo("Scale");
            assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
            assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(replicas);
            assertThat(scale.path("status").path("replicas").asInt()).isEqualTo(replicas);
            assertThat(scale.path("status").path("selector").asText()).isEqualTo(WebAppResources.APP_LABEL + "=" + APP);
        } catch (IOException e) {
            throw new AssertionError("the scale subresource answered something that is not JSON: " + raw, e);
        }
    }

    /** {@code kubectl get webapps} (and its short name) print the CRD's additionalPrinterColumns. */
    private static void assertPrinterColumns(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        for (String resource : List.of("webapps", "wa")) {
            Kubectl.Result result = kubectl.run("get", resource, "-n", namespace);
            assertThat(result.exitCode()).as("kubectl %s get %s: %s", version, resource, result.all()).isZero();
            List<String> lines = result.out().lines().filter(line -> !line.isBlank()).toList();
            assertThat(columns(lines.get(0))).as("kubectl %s headers", version)
                    .containsExactly("NAME", "IMAGE", "DESIRED", "READY", "AVAILABLE", "AGE");
            assertThat(lines).hasSize(2);
            assertThat(columns(lines.get(1))).as("kubectl %s row", version)
                    .startsWith(APP, LocalCluster.BUSYBOX, "3", "3", "True");
        }
    }

    private static List<String> columns(String line) {
        return Arrays.asList(line.trim().split("\\s+"));
    }

    /** A WebApp serving its pods' names on 8080 (busybox httpd), as examples/webapp-operator/webapp.yaml does. */
    private static String webApp(String name, int replicas) {
        return """
                apiVersion: examples.keel.dev/v1
                kind: WebApp
                metadata:
                  name: %s
                spec:
                  image: %s
                  command: ["sh", "-c", "%s"]
                  replicas: %d
                  port: 8080
                """.formatted(name, LocalCluster.BUSYBOX, LocalCluster.SERVE_HOSTNAME, replicas);
    }
}
