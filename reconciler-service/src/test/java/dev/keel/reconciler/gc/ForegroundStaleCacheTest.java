package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A foreground deletion must not hang on the collector's cache: a blocking dependent the cache still holds but the
 * API server no longer has does not hold the owner, and an owner that does wait is looked at again without an event.
 * The collector under test reads informers of its own; the suite's reconciler-service is stopped meanwhile.
 */
class ForegroundStaleCacheTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RECHECK = Duration.ofSeconds(3);

    private static ReconcilerTestCluster cluster;
    private static KubernetesClient client;

    private final GcKinds kinds = new GcKinds(List.of(ConfigMap.class, Secret.class));
    private Informers informers;
    private EventRecorder events;
    private String namespace;

    @BeforeAll
    static void stopTheSharedReconciler() {
        cluster = ReconcilerTestCluster.shared();
        client = cluster.client();
        cluster.stopReconciler();
    }

    @AfterAll
    static void restartTheSharedReconciler() {
        cluster.startReconciler();
    }

    @BeforeEach
    void setUp() throws InterruptedException {
        namespace = cluster.createNamespace("fg-stale");
        informers = new Informers(client, Duration.ZERO);
        events = new EventRecorder(client, "keel-reconciler", "test-host", Clock.systemUTC());
        kinds.all().forEach(kind -> informers.informer(kind.type()));
        informers.start();
        informers.awaitSynced(TIMEOUT);
    }

    @AfterEach
    void tearDown() {
        events.close();
        informers.close();
    }

    @Test
    void aBlockingDependentGoneFromTheServerButStillCachedDoesNotHoldTheOwner() {
        ConfigMap owner = owner("app");
        blockingDependent("gone", owner);
        await().atMost(TIMEOUT).until(() -> informers.get(Secret.class, namespace, "gone").isPresent());
        // The Secret cache stops following the server, as a broken watch would leave it.
        informers.informer(Secret.class).stop();
        client.secrets().inNamespace(namespace).withName("gone").delete();
        await().atMost(TIMEOUT).until(() -> client.secrets().inNamespace(namespace).withName("gone").get() == null);
        deleteInTheForeground("app");

        Result result = collector().reconcile(key("app"));

        assertThat(result.requeueAfter()).isEmpty();
        assertThat(client.configMaps().inNamespace(namespace).withName("app").get()).isNull();
    }

    @Test
    void anOwnerWaitingForABlockingDependentIsLookedAtAgain() {
        ConfigMap owner = owner("app");
        blockingDependent("stays", owner);
        client.secrets().inNamespace(namespace).withName("stays").edit(secret -> new SecretBuilder(secret)
                .editMetadata().addToFinalizers("example.com/hold").endMetadata().build());
        await().atMost(TIMEOUT).until(() -> informers.get(Secret.class, namespace, "stays")
                .map(secret -> secret.getMetadata().getFinalizers().contains("example.com/hold")).orElse(false));
        deleteInTheForeground("app");

        Result result = collector().reconcile(key("app"));

        assertThat(result.requeueAfter()).contains(RECHECK);
        assertThat(client.configMaps().inNamespace(namespace).withName("app").get().getMetadata().getFinalizers())
                .contains(GcDecision.FOREGROUND_FINALIZER);
        client.secrets().inNamespace(namespace).withName("stays").edit(secret -> new SecretBuilder(secret)
                .editMetadata().withFinalizers(List.of()).endMetadata().build());
    }

    private GarbageCollectorReconciler collector() {
        return new GarbageCollectorReconciler(client, informers, kinds, events, RECHECK);
    }

    private Request key(String name) {
        return new ObjectKey(kinds.byQualifiedName("ConfigMap").orElseThrow(), namespace, name).toRequest();
    }

    private void deleteInTheForeground(String name) {
        client.configMaps().inNamespace(namespace).withName(name).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        await().atMost(TIMEOUT).until(() -> informers.get(ConfigMap.class, namespace, name)
                .map(cached -> cached.getMetadata().getDeletionTimestamp() != null).orElse(false));
    }

    private ConfigMap owner(String name) {
        return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).endMetadata().build()).create();
    }

    private void blockingDependent(String name, ConfigMap owner) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                        .withBlockOwnerDeletion(true).build())
                .endMetadata().build()).create();
    }
}
