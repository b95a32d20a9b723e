package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApisApi;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreApi;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1EndpointSubset;
import io.kubernetes.client.openapi.models.V1Endpoints;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Scale;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Watch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Kubernetes Java client (io.kubernetes:client-java) against the local cluster, loading
 * {@code .platform/kubeconfig} as its users do ({@code KubeConfig.loadKubeConfig}, {@code ClientBuilder.kubeconfig}):
 * its first calls ({@code /version/}, {@code /apis/}), then a Deployment and a Service created, the Deployment
 * watched until available, its pods listed by label selector, a pod's log read, a scale to 3 through the scale
 * subresource seen through the watch, and a background-propagated delete that the watch reports and that takes the
 * pods along.
 */
@LocalClusterTest
class OfficialJavaClientEndToEndTest {

    private static final String APP = "official-web";
    private static final Duration ROLLOUT = Duration.ofMinutes(3);

    private static LocalCluster cluster;
    private static String namespace;
    private static ApiClient client;
    private static ApiClient watchClient;

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.get();
        namespace = cluster.createNamespace("official");
        client = cluster.officialClient();
        watchClient = cluster.officialClient();
    }

    @AfterAll
    static void disconnect() {
        if (namespace != null) {
            cluster.deleteNamespace(namespace);
        }
    }

    @Test
    void firstCallsOfTheClientAnswer() {
        assertThat(answerOf("GET /version/", () -> new VersionApi(client).getCode().execute()).getGitVersion())
                .startsWith("v1.");
        assertThat(answerOf("GET /apis/", () -> new ApisApi(client).getAPIVersions().execute()).getGroups())
                .anyMatch(group -> group.getName().equals("apps"));
        assertThat(answerOf("GET /api/", () -> new CoreApi(client).getAPIVersions().execute()).getVersions())
                .contains("v1");
    }

    @Test
    void deploymentRollsOutScalesAndIsDeletedWithBackgroundPropagationWhileWatched() throws Exception {
        AppsV1Api apps = new AppsV1Api(client);
        CoreV1Api core = new CoreV1Api(client);
        DeploymentWatchLog watched = new DeploymentWatchLog();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        AtomicBoolean closing = new AtomicBoolean();
        try (Watch<V1Deployment> watch = Watch.createWatch(watchClient,
                new AppsV1Api(watchClient).listNamespacedDeployment(namespace).watch(true).buildCall(null),
                new TypeToken<Watch.Response<V1Deployment>>() { }.getType())) {
            reader.submit(() -> readInto(watch, watched, closing));

            apps.createNamespacedDeployment(namespace, deployment(2)).execute();
            core.createNamespacedService(namespace, service()).execute();

            watched.awaitAvailable(ROLLOUT, APP, 2);
            List<V1Pod> pods = podsByLabel(core, 2);
            assertThat(pods).allMatch(pod -> "Running".equals(pod.getStatus().getPhase()));
            String pod = pods.get(0).getMetadata().getName();
            assertThat(Poll.until(ROLLOUT, "the log of " + pod, () -> nonEmpty(readLog(core, pod))))
                    .contains("serving " + pod);
            assertEndpointsCount(core, 2);

            V1Patch scale = new V1Patch("{\"spec\":{\"replicas\":3}}");
            PatchUtils.patch(V1Scale.class, () -> apps.patchNamespacedDeploymentScale(APP, namespace, scale)
                    .buildCall(null), V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
            watched.awaitAvailable(ROLLOUT, APP, 3);
            assertThat(podsByLabel(core, 3)).hasSize(3);
            assertEndpointsCount(core, 3);

            apps.deleteNamespacedDeployment(APP, namespace).propagationPolicy("Background").execute();
            watched.await(ROLLOUT, "DELETED of " + APP, seen -> seen.type().equals("DELETED") && seen.name().equals(APP));
            Poll.until(ROLLOUT, "the pods of " + APP + " are gone",
                    () -> listPods(core).isEmpty());
            assertThat(apps.listNamespacedReplicaSet(namespace).labelSelector("app=" + APP).execute().getItems()).isEmpty();
            closing.set(true);
        } finally {
            reader.shutdownNow();
        }
        assertThat(watched.typesOf(APP)).startsWith("ADDED", "MODIFIED").endsWith("DELETED");
    }

    /**
     * Reads the watch until it is closed; each event goes to the log, a failed read too unless the test is closing
     * the watch (the read then fails by design).
     */
    private static void readInto(Watch<V1Deployment> watch, DeploymentWatchLog watched, AtomicBoolean closing) {
        try {
            for (Watch.Response<V1Deployment> event : watch) {
                V1Deployment deployment = event.object;
                if (deployment == null || deployment.getMetadata() == null) {
                    watched.record(event.type + " " + event.status, "", 0);
                    continue;
                }
                watched.record(event.type, deployment.getMetadata().getName(),
                        deployment.getStatus() == null ? null : deployment.getStatus().getAvailableReplicas());
            }
        } catch (RuntimeException e) {
            if (!closing.get()) {
                watched.record("FAILED " + e, "", 0);
            }
        }
    }

    /** A call of the client that must answer; an ApiException fails with the status and body the server sent. */
    private static <T> T answerOf(String request, Callable<T> call) {
        try {
            return call.call();
        } catch (ApiException e) {
            throw new AssertionError(request + " answered " + e.getCode() + ": " + e.getResponseBody(), e);
        } catch (Exception e) {
            throw new AssertionError(request + " failed", e);
        }
    }

    private static String readLog(CoreV1Api core, String pod) {
        try {
            return core.readNamespacedPodLog(pod, namespace).execute();
        } catch (ApiException e) {
            throw new IllegalStateException("reading the log of " + pod + ": " + e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    private static List<V1Pod> listPods(CoreV1Api core) {
        try {
            return core.listNamespacedPod(namespace).labelSelector("app=" + APP).execute().getItems().stream()
                    .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
        } catch (ApiException e) {
            throw new IllegalStateException("listing pods app=" + APP + ": " + e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    private static List<V1Pod> podsByLabel(CoreV1Api core, int expected) {
        return Poll.until(ROLLOUT, expected + " pods with app=" + APP, () -> {
            List<V1Pod> pods = listPods(core);
            return pods.size() == expected ? pods : null;
        });
    }

    private static void assertEndpointsCount(CoreV1Api core, int expected) {
        Poll.until(ROLLOUT, "Endpoints " + APP + " list " + expected + " addresses", () -> {
            V1Endpoints endpoints;
            try {
                endpoints = core.readNamespacedEndpoints(APP, namespace).execute();
            } catch (ApiException e) {
                throw new IllegalStateException("reading Endpoints " + APP + ": " + e.getCode(), e);
            }
            List<V1EndpointSubset> subsets = endpoints.getSubsets() == null ? List.of() : endpoints.getSubsets();
            return subsets.stream().mapToInt(s -> s.getAddresses() == null ? 0 : s.getAddresses().size()).sum() == expected;
        });
    }

    private static String nonEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static V1Deployment deployment(int replicas) {
        Map<String, String> labels = Map.of("app", APP);
        V1Container container = new V1Container().name("web").image(LocalCluster.BUSYBOX)
                .command(List.of("sh", "-c", LocalCluster.SERVE_HOSTNAME))
                .ports(List.of(new V1ContainerPort().containerPort(8080)));
        return new V1Deployment().metadata(new V1ObjectMeta().name(APP).labels(labels))
                .spec(new V1DeploymentSpec().replicas(replicas).selector(new V1LabelSelector().matchLabels(labels))
                        .template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(labels))
                                .spec(new V1PodSpec().containers(List.of(container)))));
    }

    private static V1Service service() {
        return new V1Service().metadata(new V1ObjectMeta().name(APP))
                .spec(new V1ServiceSpec().selector(Map.of("app", APP))
                        .ports(List.of(new V1ServicePort().port(80).targetPort(new IntOrString(8080)))));
    }
}
