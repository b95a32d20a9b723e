package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.keel.examples.webapp.WebApp;
import dev.keel.examples.webapp.WebAppSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fabric8 on a custom kind (the example operator's WebApp, its CRD applied with kubectl), in a namespace no operator
 * watches: {@code GenericKubernetesResource} create/get/list/update/delete with the schema's defaults applied by the
 * server, an informer on the typed kind seeing add, update and delete, and {@code resource(...).serverSideApply()}
 * owning fields per manager (a second manager changing them is a 409 conflict unless forced).
 */
@LocalClusterTest
class CustomKindFabric8EndToEndTest {

    private static final String API_VERSION = WebApp.GROUP + "/" + WebApp.VERSION;
    private static final Duration CONVERGE = Duration.ofMinutes(1);

    private static LocalCluster cluster;
    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void installCrd() {
        cluster = LocalCluster.get();
        client = cluster.fabric8();
        namespace = cluster.createNamespace("custom-kind");
        WebAppCrd.install(cluster);
    }

    @AfterAll
    static void disconnect() {
        if (cluster != null) {
            cluster.release(client, namespace);
        }
    }

    @Test
    void genericKubernetesResourceCrudWithServerSideDefaults() {
        var webApps = client.genericKubernetesResources(API_VERSION, "WebApp").inNamespace(namespace);
        GenericKubernetesResource created = webApps.resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION).withKind("WebApp")
                .withNewMetadata().withName("generic").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("image", "nginx:1.27")))
                .build()).create();

        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

        assertThat(webApps.withName("generic").get().<String>get("spec", "image")).isEqualTo("nginx:1.27");
        assertThat(webApps.list().getItems()).extracting(item -> item.getMetadata().getName()).containsExactly("generic");

        GenericKubernetesResource edited = webApps.withName("generic").edit(webApp -> {
            webApp.<Map<String, Object>>get("spec").put("replicas", 4);
            return webApp;
        });
        assertThat(edited.<Integer>get("spec", "replicas")).isEqualTo(4);
        assertThat(edited.getMetadata().getGeneration()).isEqualTo(2L);

        GenericKubernetesResource tooMany = webApps.withName("generic").get();
        tooMany.<Map<String, Object>>get("spec").put("replicas", 11);
        assertThatThrownBy(() -> webApps.resource(tooMany).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("spec.replicas");
                });
        assertThat(webApps.withName("generic").get().<Integer>get("spec", "replicas")).isEqualTo(4);

        assertThat(webApps.withName("generic").delete()).hasSize(1);
        Poll.until(CONVERGE, "WebApp generic is gone", () -> webApps.withName("generic").get() == null);

        // The schema's defaults, applied by the server to what it created.
        Map<String, Object> spec = created.get("spec");
        assertThat(spec).containsEntry("image", "nginx:1.27").containsEntry("replicas", 1).containsEntry("port", 8080);
    }

    @Test
    void informerOnTheCustomKindSeesAddUpdateAndDelete() {
        List<String> seen = new CopyOnWriteArrayList<>();
        var webApps = client.resources(WebApp.class).inNamespace(namespace);
        SharedIndexInformer<WebApp> informer = webApps.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(WebApp webApp) {
                seen.add("ADD " + webApp.getMetadata().getName() + " " + webApp.getSpec().getReplicas());
            }

            @Override
            public void onUpdate(WebApp before, WebApp after) {
                seen.add("UPDATE " + after.getMetadata().getName() + " " + after.getSpec().getReplicas());
            }

            @Override
            public void onDelete(WebApp webApp, boolean finalStateUnknown) {
                seen.add("DELETE " + webApp.getMetadata().getName());
            }
        });
        try {
            webApps.resource(typed("informed", 2)).create();
            Poll.until(CONVERGE, "the informer's ADD", () -> seen.contains("ADD informed 2"));
            assertThat(informer.getStore().getByKey(namespace + "/informed")).isNotNull();

            webApps.withName("informed").edit(webApp -> {
                webApp.getSpec().setReplicas(5);
                return webApp;
            });
            Poll.until(CONVERGE, "the informer's UPDATE", () -> seen.contains("UPDATE informed 5"));

            webApps.withName("informed").delete();
            Poll.until(CONVERGE, "the informer's DELETE", () -> seen.contains("DELETE informed"));
            assertThat(informer.getStore().getByKey(namespace + "/informed")).isNull();
        } finally {
            informer.close();
        }
    }

    @Test
    void serverSideApplyOwnsFieldsPerManagerAndConflictsWithoutForce() {
        var webApps = client.resources(WebApp.class).inNamespace(namespace);

        WebApp applied = webApps.resource(typed("applied", 2)).fieldManager("e2e-first").serverSideApply();
        assertThat(applied.getSpec().getReplicas()).isEqualTo(2);
        assertThat(applied.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager,
                ManagedFieldsEntry::getOperation).contains(tuple("e2e-first", "Apply"));

        WebApp reapplied = webApps.resource(typed("applied", 3)).fieldManager("e2e-first").serverSideApply();
        assertThat(reapplied.getSpec().getReplicas()).isEqualTo(3);
        assertThat(reapplied.getMetadata().getGeneration()).isEqualTo(2L);

        assertThatThrownBy(() -> webApps.resource(typed("applied", 4)).fieldManager("e2e-second").serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("e2e-first", ".spec.replicas");
                });
        assertThat(webApps.withName("applied").get().getSpec().getReplicas()).isEqualTo(3);

        WebApp forced = webApps.resource(typed("applied", 4)).fieldManager("e2e-second").forceConflicts()
                .serverSideApply();
        assertThat(forced.getSpec().getReplicas()).isEqualTo(4);
        webApps.withName("applied").delete();

        // The schema's default, applied by the server to what the first apply created.
        assertThat(applied.getSpec().getPort()).isEqualTo(8080);
    }

    private static WebApp typed(String name, int replicas) {
        WebApp webApp = new WebApp();
        webApp.getMetadata().setName(name);
        WebAppSpec spec = new WebAppSpec();
        spec.setImage("nginx:1.27");
        spec.setReplicas(replicas);
        webApp.setSpec(spec);
        return webApp;
    }
}
