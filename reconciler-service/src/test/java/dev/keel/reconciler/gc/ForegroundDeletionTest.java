package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A foreground deletion with nothing left to wait for ends at once: the owner's {@code foregroundDeletion} finalizer
 * is removed as soon as no dependent blocks it (none at all, all gone, or none blocking).
 */
class ForegroundDeletionTest {

    /** Far below the minutes the finalizer used to stay; the poll ends as soon as the owner is gone. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String HOLD = "example.com/hold";

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();
    private String namespace;

    @BeforeEach
    void setUp() {
        namespace = cluster.createNamespace("fg");
    }

    @Test
    void anOwnerWithoutDependentsGoesAtOnce() {
        owner("lonely");

        client.configMaps().inNamespace(namespace).withName("lonely").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().atMost(TIMEOUT).until(() -> configMap("lonely") == null);
    }

    @Test
    void anOwnerWhoseDependentsAreAlreadyGoneGoesAtOnce() {
        ConfigMap owner = owner("app");
        dependent("gone", List.of(), owner, true);
        client.secrets().inNamespace(namespace).withName("gone").delete();
        await().atMost(TIMEOUT).until(() -> secret("gone") == null);

        client.configMaps().inNamespace(namespace).withName("app").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().atMost(TIMEOUT).until(() -> configMap("app") == null);
    }

    @Test
    void aDependentBeingDeletedThatDoesNotBlockLetsTheOwnerGo() {
        ConfigMap owner = owner("app");
        dependent("going", List.of(HOLD), owner, false);
        client.secrets().inNamespace(namespace).withName("going").delete();
        await().atMost(TIMEOUT).until(() -> secret("going").getMetadata().getDeletionTimestamp() != null);

        client.configMaps().inNamespace(namespace).withName("app").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().atMost(TIMEOUT).until(() -> configMap("app") == null);
        assertThat(secret("going")).isNotNull();
        release("going");
    }

    @Test
    void aBlockingDependentBeingDeletedHoldsTheOwnerUntilItIsGone() {
        ConfigMap owner = owner("app");
        dependent("going", List.of(HOLD), owner, true);
        client.secrets().inNamespace(namespace).withName("going").delete();
        await().atMost(TIMEOUT).until(() -> secret("going").getMetadata().getDeletionTimestamp() != null);
        client.configMaps().inNamespace(namespace).withName("app").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        await().atMost(TIMEOUT).until(() -> configMap("app").getMetadata().getDeletionTimestamp() != null);

        release("going");

        await().atMost(TIMEOUT).until(() -> secret("going") == null && configMap("app") == null);
    }

    @Test
    void aDeploymentWithoutPodsGoesAtOnce() {
        client.apps().deployments().inNamespace(namespace).resource(Workloads.deployment("idle", 0, Map.of("app", "idle"))).create();
        await().atMost(TIMEOUT).until(() -> !client.apps().replicaSets().inNamespace(namespace).list().getItems().isEmpty());

        client.apps().deployments().inNamespace(namespace).withName("idle").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().atMost(TIMEOUT).until(() -> client.apps().deployments().inNamespace(namespace).withName("idle").get() == null
                && client.apps().replicaSets().inNamespace(namespace).list().getItems().isEmpty());
    }

    @Test
    void aDeploymentWhoseReplicaSetIsAlreadyGoneGoesAtOnce() {
        client.apps().deployments().inNamespace(namespace).resource(Workloads.deployment("paused", 1, Map.of("app", "paused"))
                .edit().editSpec().withPaused(true).endSpec().build()).create();

        client.apps().deployments().inNamespace(namespace).withName("paused").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().atMost(TIMEOUT).until(() -> client.apps().deployments().inNamespace(namespace).withName("paused").get() == null);
    }

    @Test
    void everyServedKindIsFollowedSoAPriorityClassGoesAtOnce() {
        String name = "fg-" + namespace;
        client.resources(PriorityClass.class).resource(new PriorityClassBuilder().withNewMetadata().withName(name).endMetadata()
                .withValue(1000).build()).create();

        client.resources(PriorityClass.class).withName(name).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().atMost(TIMEOUT).until(() -> client.resources(PriorityClass.class).withName(name).get() == null);
    }

    private ConfigMap owner(String name) {
        return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).endMetadata().build()).create();
    }

    private void dependent(String name, List<String> finalizers, ConfigMap owner, boolean block) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(name).withFinalizers(finalizers)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                        .withBlockOwnerDeletion(block).build())
                .endMetadata().build()).create();
    }

    private void release(String name) {
        client.secrets().inNamespace(namespace).withName(name)
                .edit(secret -> new SecretBuilder(secret).editMetadata().withFinalizers(List.of()).endMetadata().build());
    }

    private Secret secret(String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    private ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get();
    }
}
