package dev.keel.reconciler.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.reconciler.endpoints.EndpointSliceReconciler;
import dev.keel.reconciler.endpoints.EndpointsReconciler;
import dev.keel.reconciler.endpoints.ServiceSelection;
import dev.keel.reconciler.endpoints.SlicePlanner;
import dev.keel.reconciler.gc.GarbageCollectorReconciler;
import dev.keel.reconciler.gc.GcKind;
import dev.keel.reconciler.gc.GcKinds;
import dev.keel.reconciler.gc.ObjectKey;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a controller's write fails, the user sees why in {@code kubectl describe}. The controllers under test read
 * from informers over platform-api but write through a client whose server went away (a loopback port nobody listens
 * on), so every write fails for real; their events go through a working client. The suite's in-process
 * reconciler-service is stopped meanwhile, so it does not do the same work first.
 */
class WriteFailureEventsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ReconcilerTestCluster cluster;
    private static KubernetesClient client;
    private static KubernetesClient unreachable;

    private Informers informers;
    private EventRecorder events;
    private String namespace;

    @BeforeAll
    static void stopTheSharedReconciler() throws IOException {
        cluster = ReconcilerTestCluster.shared();
        client = cluster.client();
        cluster.stopReconciler();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:" + closedPort).withTrustCerts(true)
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(2_000).withRequestTimeout(2_000)
                .build()).build();
    }

    @AfterAll
    static void restartTheSharedReconciler() {
        unreachable.close();
        cluster.startReconciler();
    }

    @BeforeEach
    void setUp() {
        namespace = cluster.createNamespace("failing");
        informers = new Informers(client, Duration.ZERO);
        events = new EventRecorder(client, "keel-reconciler", "test-host", Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        events.close();
        informers.close();
    }

    private void startInformers(List<Class<? extends HasMetadata>> kinds)
            throws InterruptedException {
        kinds.forEach(informers::informer);
        informers.start();
        informers.awaitSynced(TIMEOUT);
    }

    /**
     * Deletes the owner Secret with {@code propagation}, waits until the informer sees it terminating, and checks
     * that the garbage collector's pass over it fails (its writes are refused).
     */
    private void collectorFailsAfterDeletingTheOwner(String owner, DeletionPropagation propagation)
            throws InterruptedException {
        client.secrets().inNamespace(namespace).withName(owner).withPropagationPolicy(propagation).delete();
        GcKinds kinds = new GcKinds(List.of(ConfigMap.class, Secret.class));
        startInformers(List.of(ConfigMap.class, Secret.class));
        await().atMost(TIMEOUT).until(() -> informers.get(Secret.class, namespace, owner)
                .map(secret -> secret.getMetadata().getDeletionTimestamp() != null).orElse(false));

        assertThatThrownBy(() -> collector(kinds).reconcile(ownerKey(kinds, owner)))
                .isInstanceOf(KubernetesClientException.class);
    }

    private Secret owner(String name) {
        return client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(name).endMetadata().build()).create();
    }

    /** A ConfigMap, whose {@code kubectl describe} lists its events (a Secret's does not). */
    private void dependent(String name, Secret owner) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Secret")
                        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                        .withBlockOwnerDeletion(true).build())
                .endMetadata().build()).create();
    }

    private Optional<Event> warning(String kind, String name, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(event -> kind.equals(event.getInvolvedObject().getKind())
                        && name.equals(event.getInvolvedObject().getName())
                        && "Warning".equals(event.getType()) && reason.equals(event.getReason()))
                .findFirst();
    }

    private GarbageCollectorReconciler collector(GcKinds kinds) {
        return new GarbageCollectorReconciler(unreachable, informers, kinds, events, java.time.Duration.ofSeconds(5));
    }

    private Request ownerKey(GcKinds kinds, String name) {
        GcKind kind = kinds.byQualifiedName("Secret").orElseThrow();
        return new ObjectKey(kind, namespace, name).toRequest();
    }

    @Test
    void aForegroundDeleteTheCollectorCannotCarryOutShowsOnTheDependent() throws InterruptedException {
        dependent("one", owner("app"));
        collectorFailsAfterDeletingTheOwner("app", DeletionPropagation.FOREGROUND);

        await().atMost(TIMEOUT).until(() -> warning("ConfigMap", "one", "FailedToDelete").isPresent());
        assertThat(warning("ConfigMap", "one", "FailedToDelete").orElseThrow().getMessage())
                .startsWith("The garbage collector could not delete it (propagation Background): ");
        Kubectl.Result described = new Kubectl(Kubectl.VERSIONS.get(0), cluster.api().kubeconfig())
                .run("describe", "configmap", "one", "-n", namespace);
        assertThat(described.exitCode()).as(described.all()).isZero();
        assertThat(described.out()).contains("Warning", "FailedToDelete", "The garbage collector could not delete it");
    }

    @Test
    void anOrphaningTheCollectorCannotCarryOutShowsOnTheDependent() throws InterruptedException {
        dependent("kept", owner("app"));
        collectorFailsAfterDeletingTheOwner("app", DeletionPropagation.ORPHAN);

        await().atMost(TIMEOUT).until(() -> warning("ConfigMap", "kept", "FailedToRemoveOwnerReferences").isPresent());
    }

    @Test
    void endpointsTheControllersCannotWriteShowOnTheService() throws InterruptedException {
        client.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web")).addNewPort().withPort(80).endPort().endSpec()
                .build()).create();
        startInformers(List.of(Service.class, Pod.class, Endpoints.class, EndpointSlice.class, Node.class));
        await().atMost(TIMEOUT).until(() -> informers.get(Service.class, namespace, "web").isPresent());
        ServiceSelection selection = new ServiceSelection(informers);
        Request web = new Request(namespace, "web");

        assertThatThrownBy(() -> new EndpointsReconciler(unreachable, informers, selection, events).reconcile(web))
                .isInstanceOf(KubernetesClientException.class);
        assertThatThrownBy(() -> new EndpointSliceReconciler(unreachable, informers, selection, new SlicePlanner(100),
                events, Clock.systemUTC()).reconcile(web)).isInstanceOf(KubernetesClientException.class);

        await().atMost(TIMEOUT).until(() -> warning("Service", "web", "FailedToCreateEndpoint").isPresent()
                && warning("Service", "web", "FailedToUpdateEndpointSlices").isPresent());
        Kubectl.Result described = new Kubectl(Kubectl.VERSIONS.get(0), cluster.api().kubeconfig())
                .run("describe", "service", "web", "-n", namespace);
        assertThat(described.exitCode()).as(described.all()).isZero();
        assertThat(described.out()).contains("FailedToCreateEndpoint", "FailedToUpdateEndpointSlices");
    }
}
