package dev.keel.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.reflect.TypeToken;
import dev.keel.api.testing.ApiServerTest;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApisApi;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreApi;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.V1APIGroup;
import io.kubernetes.client.openapi.models.V1APIResource;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.openapi.models.VersionInfo;
import io.kubernetes.client.util.Config;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Kubernetes Java client (io.kubernetes:client-java) started from the kubeconfig the server wrote, as
 * a user starts it: discovery, the life of a ConfigMap and a Deployment, a watch. Its models reject fields they do
 * not know, so every answer is also checked against Kubernetes' own schema.
 */
class OfficialJavaClientTest extends ApiServerTest {

    private ApiClient client;

    @BeforeEach
    void connect() throws IOException {
        client = Config.fromConfig(kubeconfig().toString());
    }

    @Test
    void startsFromTheServersKubeconfigAndDiscoversTheApi() throws ApiException {
        VersionInfo version = new VersionApi(client).getCode().execute();
        assertThat(version.getGitVersion()).startsWith("v1.");

        assertThat(new CoreApi(client).getAPIVersions().execute().getVersions()).containsExactly("v1");
        List<String> groups = new ApisApi(client).getAPIVersions().execute().getGroups().stream()
                .map(V1APIGroup::getName).toList();
        assertThat(groups).contains("apps", "batch", "coordination.k8s.io");
        List<String> appsResources = new AppsV1Api(client).getAPIResources().execute().getResources().stream()
                .map(V1APIResource::getName).toList();
        assertThat(appsResources).contains("deployments", "deployments/scale", "replicasets");
        assertThat(new CoreV1Api(client).getAPIResources().execute().getGroupVersion()).isEqualTo("v1");
    }

    @Test
    void aConfigMapIsCreatedReadListedPatchedAndDeleted() throws ApiException {
        CoreV1Api core = new CoreV1Api(client);
        String namespace = createNamespace("java-cm");
        V1ConfigMap configMap = new V1ConfigMap()
                .metadata(new V1ObjectMeta().name("settings").labels(Map.of("app", "web")))
                .data(Map.of("mode", "fast"));

        V1ConfigMap created = core.createNamespacedConfigMap(namespace, configMap).execute();
        assertThat(created.getMetadata().getUid()).isNotEmpty();

        assertThat(core.readNamespacedConfigMap("settings", namespace).execute().getData()).containsEntry("mode", "fast");
        V1ConfigMapList list = core.listNamespacedConfigMap(namespace).labelSelector("app=web").execute();
        assertThat(list.getItems()).extracting(item -> item.getMetadata().getName()).containsExactly("settings");
        assertThat(list.getMetadata().getResourceVersion()).isNotEmpty();

        V1ConfigMap patched = PatchUtils.patch(V1ConfigMap.class,
                () -> core.patchNamespacedConfigMap("settings", namespace, new V1Patch("{\"data\":{\"mode\":\"slow\"}}"))
                        .buildCall(null),
                V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
        assertThat(patched.getData()).containsEntry("mode", "slow");

        V1Status deleted = core.deleteNamespacedConfigMap("settings", namespace).execute();
        assertThat(deleted.getStatus()).isEqualTo("Success");
        assertThatThrownBy(() -> core.readNamespacedConfigMap("settings", namespace).execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void aDeploymentIsCreatedReadListedPatchedAndDeleted() throws ApiException {
        AppsV1Api apps = new AppsV1Api(client);
        String namespace = createNamespace("java-deploy");
        V1Deployment deployment = new V1Deployment()
                .metadata(new V1ObjectMeta().name("web"))
                .spec(new V1DeploymentSpec()
                        .replicas(2)
                        .selector(new V1LabelSelector().matchLabels(Map.of("app", "web")))
                        .template(new V1PodTemplateSpec()
                                .metadata(new V1ObjectMeta().labels(Map.of("app", "web")))
                                .spec(new V1PodSpec().containers(List.of(
                                        new V1Container().name("web").image("registry.local/web:1"))))));

        V1Deployment created = apps.createNamespacedDeployment(namespace, deployment).execute();
        // Defaults the server applies arrive in the client's model.
        assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(created.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");

        assertThat(apps.readNamespacedDeployment("web", namespace).execute().getSpec().getReplicas()).isEqualTo(2);
        assertThat(apps.listNamespacedDeployment(namespace).execute().getItems()).hasSize(1);

        V1Deployment patched = PatchUtils.patch(V1Deployment.class,
                () -> apps.patchNamespacedDeployment("web", namespace, new V1Patch("{\"spec\":{\"replicas\":3}}"))
                        .buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
        assertThat(patched.getSpec().getReplicas()).isEqualTo(3);
        assertThat(apps.readNamespacedDeploymentScale("web", namespace).execute().getSpec().getReplicas()).isEqualTo(3);

        apps.deleteNamespacedDeployment("web", namespace).execute();
        assertThatThrownBy(() -> apps.readNamespacedDeployment("web", namespace).execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void aWatchSeesAConfigMapCreatedAfterItStarted() throws Exception {
        CoreV1Api core = new CoreV1Api(client);
        String namespace = createNamespace("java-watch");
        ApiClient watching = Config.fromConfig(kubeconfig().toString());
        watching.setHttpClient(watching.getHttpClient().newBuilder().readTimeout(30, TimeUnit.SECONDS).build());
        String resourceVersion = core.listNamespacedConfigMap(namespace).execute().getMetadata().getResourceVersion();

        try (Watch<V1ConfigMap> watch = Watch.createWatch(watching,
                new CoreV1Api(watching).listNamespacedConfigMap(namespace).watch(true).resourceVersion(resourceVersion)
                        .timeoutSeconds(20).buildCall(null),
                new TypeToken<Watch.Response<V1ConfigMap>>() { }.getType())) {
            core.createNamespacedConfigMap(namespace, new V1ConfigMap().metadata(new V1ObjectMeta().name("seen"))).execute();

            Watch.Response<V1ConfigMap> event = watch.next();
            assertThat(event.type).isEqualTo("ADDED");
            assertThat(event.object.getMetadata().getName()).isEqualTo("seen");
        }
    }
}
