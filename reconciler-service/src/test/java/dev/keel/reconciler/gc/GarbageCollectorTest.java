package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.ReconcilerTestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Background, Foreground and Orphan deletion through the garbage collector, with a ConfigMap owning Secrets. */
class GarbageCollectorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String HOLD = "example.com/hold";

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();
    private String namespace;

    @BeforeEach
    void setUp() {
        namespace = cluster.createNamespace("gc");
    }

    private ConfigMap owner(String name) {
        return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).endMetadata().build()).create();
    }

    private static OwnerReference reference(String name, String uid, boolean block) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName(name).withUid(uid)
                .withBlockOwnerDeletion(block).build();
    }

    private Secret dependent(String name, List<String> finalizers, OwnerReference... owners) {
        return client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(name).withFinalizers(finalizers).withOwnerReferences(owners).endMetadata()
                .build()).create();
    }

    private Secret secret(String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    private ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get();
    }

    @Test
    void backgroundDeletionRemovesTheDependentsAfterTheOwner() {
        ConfigMap owner = owner("app");
        dependent("one", List.of(), reference("app", owner.getMetadata().getUid(), false));
        dependent("two", List.of(), reference("app", owner.getMetadata().getUid(), true));

        client.configMaps().inNamespace(namespace).withName("app").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

        await().atMost(TIMEOUT).until(() -> configMap("app") == null && secret("one") == null && secret("two") == null);
    }

    @Test
    void aReferenceWithAnotherUidCountsAsGoneButALiveOwnerKeepsItsDependent() {
        ConfigMap owner = owner("app");
        dependent("kept", List.of(), reference("app", owner.getMetadata().getUid(), false));
        dependent("stale", List.of(), reference("app", "00000000-0000-0000-0000-000000000000", false));
        dependent("shared", List.of(), reference("app", owner.getMetadata().getUid(), false),
                reference("gone", "00000000-0000-0000-0000-000000000001", false));

        await().atMost(TIMEOUT).until(() -> secret("stale") == null);
        await().atMost(TIMEOUT).until(() -> secret("shared").getMetadata().getOwnerReferences().size() == 1);
        assertThat(secret("kept")).isNotNull();
        assertThat(secret("shared").getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(owner.getMetadata().getUid());
    }

    @Test
    void foregroundDeletionWaitsForBlockingDependents() {
        ConfigMap owner = owner("app");
        dependent("blocking", List.of(HOLD), reference("app", owner.getMetadata().getUid(), true));
        dependent("plain", List.of(), reference("app", owner.getMetadata().getUid(), false));

        client.configMaps().inNamespace(namespace).withName("app").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().atMost(TIMEOUT).until(() -> secret("plain") == null
                && secret("blocking") != null && secret("blocking").getMetadata().getDeletionTimestamp() != null);
        ConfigMap waiting = configMap("app");
        assertThat(waiting).isNotNull();
        assertThat(waiting.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(waiting.getMetadata().getFinalizers()).contains("foregroundDeletion");

        client.secrets().inNamespace(namespace).withName("blocking")
                .edit(secret -> new SecretBuilder(secret).editMetadata().withFinalizers(List.of()).endMetadata().build());

        await().atMost(TIMEOUT).until(() -> secret("blocking") == null && configMap("app") == null);
    }

    @Test
    void orphanDeletionKeepsTheDependentsWithoutTheReference() {
        ConfigMap owner = owner("app");
        dependent("one", List.of(), reference("app", owner.getMetadata().getUid(), true));

        client.configMaps().inNamespace(namespace).withName("app").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

        await().atMost(TIMEOUT).until(() -> configMap("app") == null);
        Secret orphan = secret("one");
        assertThat(orphan).isNotNull();
        assertThat(orphan.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(orphan.getMetadata().getDeletionTimestamp()).isNull();
    }
}
