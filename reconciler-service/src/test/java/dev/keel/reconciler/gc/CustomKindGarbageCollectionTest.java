package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.ReconcilerTestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom kinds in garbage collection, end to end through the suite's running reconciler-service: a
 * CustomResourceDefinition examples.keel.dev WebApp is created and becomes Established, the collector starts a
 * monitor for it, and ConfigMaps owned by WebApps (and WebApps owned by ConfigMaps or by other WebApps) are collected
 * with their owners, in the background, the foreground and with orphaning.
 */
class CustomKindGarbageCollectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String GROUP = "examples.keel.dev";
    private static final String CRD_NAME = "webapps." + GROUP;
    private static final ResourceDefinitionContext WEB_APPS = new ResourceDefinitionContext.Builder().withGroup(GROUP)
            .withVersion("v1").withKind("WebApp").withPlural("webapps").withNamespaced(true).build();

    private static ReconcilerTestCluster cluster;
    private static KubernetesClient client;
    private String namespace;

    @BeforeAll
    static void defineWebApps() {
        cluster = ReconcilerTestCluster.shared();
        client = cluster.client();
        CustomResourceDefinition definition = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(CRD_NAME).endMetadata()
                .withNewSpec().withGroup(GROUP).withScope("Namespaced")
                .withNewNames().withKind("WebApp").withListKind("WebAppList").withPlural("webapps").withSingular("webapp")
                .endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec().build();
        client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
        await().atMost(TIMEOUT).until(() -> CrdKinds.established(
                client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get()));
    }

    @AfterAll
    static void removeWebApps() {
        client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).delete();
    }

    @BeforeEach
    void setUp() {
        namespace = cluster.createNamespace("gc-custom");
    }

    private MixedOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> webApps() {
        return client.genericKubernetesResources(WEB_APPS);
    }

    private GenericKubernetesResource webApp(String name, OwnerReference... owners) {
        return webApps().inNamespace(namespace).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(GROUP + "/v1").withKind("WebApp")
                .withNewMetadata().withName(name).withOwnerReferences(owners).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("replicas", 1))).build()).create();
    }

    private ConfigMap configMap(String name, OwnerReference... owners) {
        return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).withOwnerReferences(owners).endMetadata().build()).create();
    }

    private static OwnerReference reference(HasMetadata owner, boolean block) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withBlockOwnerDeletion(block).build();
    }

    private boolean configMapGone(String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get() == null;
    }

    private boolean webAppGone(String name) {
        return webApps().inNamespace(namespace).withName(name).get() == null;
    }

    @Test
    void aConfigMapOwnedByAWebAppGoesWithItAndStaysWhileItLives() {
        GenericKubernetesResource web = webApp("web");
        GenericKubernetesResource kept = webApp("kept");
        configMap("config", reference(web, true));
        configMap("stays", reference(kept, true));

        webApps().inNamespace(namespace).withName("web").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

        await().atMost(TIMEOUT).until(() -> configMapGone("config"));
        assertThat(configMapGone("stays")).isFalse();
    }

    @Test
    void webAppsOwnedByAConfigMapOrAnotherWebAppGoWithTheirOwner() {
        ConfigMap owner = configMap("owner");
        GenericKubernetesResource parent = webApp("parent");
        webApp("of-config", reference(owner, false));
        webApp("of-web-app", reference(parent, false));

        client.configMaps().inNamespace(namespace).withName("owner").delete();
        webApps().inNamespace(namespace).withName("parent").delete();

        await().atMost(TIMEOUT).until(() -> webAppGone("of-config") && webAppGone("of-web-app"));
    }

    @Test
    void aForegroundDeletionOfAWebAppEndsOnceItsBlockingDependentsAreGone() {
        GenericKubernetesResource web = webApp("web");
        configMap("blocking", reference(web, true));
        webApp("child", reference(web, true));

        webApps().inNamespace(namespace).withName("web").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().atMost(TIMEOUT).until(() -> webAppGone("web"));
        assertThat(configMapGone("blocking")).isTrue();
        assertThat(webAppGone("child")).isTrue();
    }

    @Test
    void orphaningAWebAppStripsTheReferenceFromItsDependents() {
        GenericKubernetesResource web = webApp("web");
        configMap("orphan", reference(web, false));

        webApps().inNamespace(namespace).withName("web").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

        await().atMost(TIMEOUT).until(() -> webAppGone("web"));
        await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(namespace).withName("orphan").get()
                .getMetadata().getOwnerReferences().isEmpty());
    }

    /** A dependent whose owner reference names an unknown kind stays; that kind defined later, the owner is looked up. */
    @Test
    void aDependentOfAKindDefinedOnlyLaterIsCollectedOnceTheKindIsKnown() {
        OwnerReference gadget = new OwnerReferenceBuilder().withApiVersion("gadgets.keel.dev/v1").withKind("Gadget")
                .withName("missing").withUid("00000000-0000-0000-0000-0000000000bb").build();
        ConfigMap gone = configMap("gone");
        client.configMaps().inNamespace(namespace).withName("gone").delete();
        configMap("of-gadget", gadget);
        configMap("of-gone", reference(gone, false));
        await().atMost(TIMEOUT).until(() -> configMapGone("of-gone"));
        assertThat(configMapGone("of-gadget")).isFalse();

        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("gadgets.gadgets.keel.dev").endMetadata()
                .withNewSpec().withGroup("gadgets.keel.dev").withScope("Namespaced")
                .withNewNames().withKind("Gadget").withListKind("GadgetList").withPlural("gadgets").withSingular("gadget")
                .endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec().build()).create();
        try {
            await().atMost(TIMEOUT).until(() -> configMapGone("of-gadget"));
        } finally {
            client.apiextensions().v1().customResourceDefinitions().withName("gadgets.gadgets.keel.dev").delete();
        }
    }
}
