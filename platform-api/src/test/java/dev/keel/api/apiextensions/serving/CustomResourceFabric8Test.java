package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fabric8's generic client on a custom kind: CRUD, an informer (WebSocket watch) and server-side apply. */
class CustomResourceFabric8Test extends CustomResourceTestBase {

    private KubernetesClient client;
    private String group;
    private String ns;
    private ResourceDefinitionContext widgets;

    @BeforeEach
    void connect() throws Exception {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig()))).build();
        group = uniqueGroup();
        define(widgetCrd(group, "Namespaced"), group, "v1", "widgets");
        ns = createNamespace("f8cr");
        widgets = new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind("Widget")
                .withPlural("widgets").withNamespaced(true).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private GenericKubernetesResource widget(String name, String color) {
        return new GenericKubernetesResourceBuilder().withApiVersion(group + "/v1").withKind("Widget")
                .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .addToAdditionalProperties("spec", Map.of("color", color, "replicas", 1)).build();
    }

    @Test
    void genericResourcesAreCreatedReadUpdatedAndDeleted() {
        var resources = client.genericKubernetesResources(widgets).inNamespace(ns);
        GenericKubernetesResource created = resources.resource(widget("w", "red")).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();

        GenericKubernetesResource read = resources.withName("w").get();
        assertThat(((Map<?, ?>) read.getAdditionalProperties().get("spec")).get("color")).isEqualTo("red");

        GenericKubernetesResource edited = resources.withName("w").edit(w -> {
            w.getAdditionalProperties().put("spec", Map.of("color", "blue", "replicas", 1));
            return w;
        });
        assertThat(((Map<?, ?>) edited.getAdditionalProperties().get("spec")).get("color")).isEqualTo("blue");
        assertThat(resources.list().getItems()).hasSize(1);

        assertThat(resources.withName("w").delete()).hasSize(1);
        assertThat(resources.withName("w").get()).isNull();
    }

    @Test
    void anInformerSeesAddUpdateAndDelete() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        var resources = client.genericKubernetesResources(widgets).inNamespace(ns);
        SharedIndexInformer<GenericKubernetesResource> informer = resources.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource object) {
                seen.add("add " + object.getMetadata().getName());
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                seen.add("update " + after.getMetadata().getName() + " " + after.getAdditionalProperties().get("spec"));
            }

            @Override
            public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
                seen.add("delete " + object.getMetadata().getName());
            }
        });
        try {
            resources.resource(widget("i", "red")).create();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("add i");
            resources.withName("i").edit(w -> {
                w.getAdditionalProperties().put("spec", Map.of("color", "green"));
                return w;
            });
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("update i {color=green}");
            resources.withName("i").delete();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("delete i");
        } finally {
            informer.close();
        }
    }

    @Test
    void serverSideApplyRecordsTheManager() {
        var resources = client.genericKubernetesResources(widgets).inNamespace(ns);
        GenericKubernetesResource applied = resources.resource(widget("ssa", "red")).fieldManager("f8-tests")
                .forceConflicts().serverSideApply();
        assertThat(applied.getMetadata().getManagedFields()).anySatisfy(entry -> {
            assertThat(entry.getManager()).isEqualTo("f8-tests");
            assertThat(entry.getOperation()).isEqualTo("Apply");
        });
        GenericKubernetesResource again = resources.resource(widget("ssa", "yellow")).fieldManager("f8-tests")
                .forceConflicts().serverSideApply();
        assertThat(((Map<?, ?>) again.getAdditionalProperties().get("spec")).get("color")).isEqualTo("yellow");
    }
}
