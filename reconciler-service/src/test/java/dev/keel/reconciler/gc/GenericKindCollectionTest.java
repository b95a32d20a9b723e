package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
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
 * The custom-kind path of the collector (a monitor over fabric8's generic client, started at run time, feeding the
 * same queue and graph as the built-in informers) against the real platform-api. Until CustomResourceDefinitions are
 * served, Leases stand in for a custom kind: the collector under test follows ConfigMaps as a built-in kind and Leases
 * only through {@link CustomKindMonitors}, as {@code GenericKubernetesResource}s. The suite's reconciler-service is
 * stopped meanwhile, so only this collector acts.
 */
class GenericKindCollectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RECHECK = Duration.ofSeconds(1);
    private static final GcKind LEASE = GcKind.custom("coordination.k8s.io", "v1", "Lease", "leases", true);

    private static ReconcilerTestCluster cluster;
    private static KubernetesClient client;

    private final GcKinds kinds = new GcKinds(List.of(ConfigMap.class));
    private Informers informers;
    private CustomKindMonitors monitors;
    private GcObjects objects;
    private EventRecorder events;
    private Controller controller;
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
        namespace = cluster.createNamespace("gc-generic");
        informers = new Informers(client, Duration.ZERO);
        monitors = new CustomKindMonitors(client, kinds, Duration.ZERO);
        objects = new GcObjects(client, informers, monitors);
        events = new EventRecorder(client, "keel-reconciler", "test-host", Clock.systemUTC());
        GcKind configMaps = kinds.byQualifiedName("ConfigMap").orElseThrow();
        controller = Controller.builder("gc-generic-test", collector())
                .watch(informers.informer(ConfigMap.class),
                        object -> GarbageCollectorConfiguration.keys(objects, kinds, configMaps, object))
                .build();
        monitors.deliverTo(kind -> object -> GarbageCollectorConfiguration.keys(objects, kinds, kind, object),
                controller::enqueue);
        informers.start();
        informers.awaitSynced(TIMEOUT);
        controller.start();
        monitors.follow(List.of(LEASE));
        await().atMost(TIMEOUT).until(() -> monitors.synced(LEASE.qualifiedName()));
    }

    @AfterEach
    void tearDown() {
        controller.stop();
        monitors.close();
        events.close();
        informers.close();
    }

    private GarbageCollectorReconciler collector() {
        return new GarbageCollectorReconciler(client, new GcObjects(client, informers, monitors), kinds, events, RECHECK,
                RECHECK);
    }

    private static OwnerReference reference(HasMetadata owner, boolean block) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withBlockOwnerDeletion(block).build();
    }

    private Lease lease(String name, OwnerReference... owners) {
        return client.leases().inNamespace(namespace).resource(new LeaseBuilder()
                .withNewMetadata().withName(name).withOwnerReferences(owners).endMetadata().build()).create();
    }

    private ConfigMap configMap(String name, OwnerReference... owners) {
        return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).withOwnerReferences(owners).endMetadata().build()).create();
    }

    private boolean configMapGone(String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get() == null;
    }

    private boolean leaseGone(String name) {
        return client.leases().inNamespace(namespace).withName(name).get() == null;
    }

    @Test
    void aBuiltInDependentGoesWithItsCustomKindOwnerAndStaysWhileItLives() {
        Lease owner = lease("web");
        Lease kept = lease("kept");
        configMap("config", reference(owner, false));
        configMap("stays", reference(kept, false));

        client.leases().inNamespace(namespace).withName("web").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

        await().atMost(TIMEOUT).until(() -> configMapGone("config"));
        assertThat(configMapGone("stays")).isFalse();
    }

    @Test
    void aCustomKindDependentGoesWithItsBuiltInOrCustomOwner() {
        ConfigMap configOwner = configMap("owner");
        Lease leaseOwner = lease("parent");
        lease("of-config", reference(configOwner, false));
        lease("of-lease", reference(leaseOwner, false));

        client.configMaps().inNamespace(namespace).withName("owner").delete();
        client.leases().inNamespace(namespace).withName("parent").delete();

        await().atMost(TIMEOUT).until(() -> leaseGone("of-config") && leaseGone("of-lease"));
    }

    @Test
    void aForegroundDeletionOfACustomObjectEndsOnceItsBlockingDependentsAreGone() {
        Lease owner = lease("web");
        configMap("blocking", reference(owner, true));
        lease("child", reference(owner, true));

        client.leases().inNamespace(namespace).withName("web").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().atMost(TIMEOUT).until(() -> leaseGone("web"));
        assertThat(configMapGone("blocking")).isTrue();
        assertThat(leaseGone("child")).isTrue();
    }

    @Test
    void orphaningACustomObjectStripsTheReferenceFromItsDependents() {
        Lease owner = lease("web");
        configMap("orphan", reference(owner, false));
        lease("orphan-lease", reference(owner, false));

        client.leases().inNamespace(namespace).withName("web").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

        await().atMost(TIMEOUT).until(() -> leaseGone("web"));
        await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(namespace).withName("orphan").get()
                .getMetadata().getOwnerReferences().isEmpty());
        await().atMost(TIMEOUT).until(() -> client.leases().inNamespace(namespace).withName("orphan-lease").get()
                .getMetadata().getOwnerReferences().isEmpty());
    }

    /** Kubernetes' virtual owner: a kind discovery cannot resolve keeps its dependent, looked at again later. */
    @Test
    void anOwnerOfAKindDiscoveryCannotResolveKeepsItsDependent() {
        ConfigMap gone = configMap("gone");
        client.configMaps().inNamespace(namespace).withName("gone").delete();
        OwnerReference unknown = new OwnerReferenceBuilder().withApiVersion("examples.keel.dev/v1").withKind("WebApp")
                .withName("web").withUid("00000000-0000-0000-0000-0000000000aa").build();
        configMap("of-unknown", unknown);
        configMap("of-gone", reference(gone, false));

        await().atMost(TIMEOUT).until(() -> configMapGone("of-gone"));
        assertThat(configMapGone("of-unknown")).isFalse();
        Result result = collector().reconcile(new ObjectKey(kinds.byQualifiedName("ConfigMap").orElseThrow(), namespace,
                "of-unknown").toRequest());
        assertThat(result.requeueAfter()).contains(RECHECK);
    }

    /** A kind discovery resolves but nobody follows is read with a GET: a missing owner is gone. */
    @Test
    void anOwnerOfAServedButUnfollowedKindIsCheckedOnTheServer() {
        monitors.follow(List.of());
        Lease owner = lease("web");
        Lease gone = lease("gone");
        client.leases().inNamespace(namespace).withName("gone").delete();
        configMap("of-live", reference(owner, false));
        configMap("of-gone", reference(gone, false));

        await().atMost(TIMEOUT).until(() -> configMapGone("of-gone"));
        assertThat(configMapGone("of-live")).isFalse();
    }
}
