package dev.keel.reconciler.testing;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.reconciler.ReconcilerApplication;
import dev.keel.runtime.client.KubernetesClients;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The suite's cluster for controller tests: platform-api over etcd, and reconciler-service started in-process once
 * per test JVM (its own Spring context, talking to platform-api over HTTPS like the real process).
 */
public final class ReconcilerTestCluster {

    /** How long a node may stay silent before the node lifecycle controller marks it Unknown, in these tests. */
    public static final Duration NODE_GRACE_PERIOD = Duration.ofSeconds(5);

    private static ReconcilerTestCluster shared;

    private final PlatformApiServer api;
    private final KubernetesClient client;
    private ConfigurableApplicationContext reconciler;

    private ReconcilerTestCluster(PlatformApiServer api) {
        this.api = api;
        this.client = KubernetesClients.fromKubeconfig(api.kubeconfig());
    }

    public static synchronized ReconcilerTestCluster shared() {
        if (shared == null) {
            shared = new ReconcilerTestCluster(PlatformApiServer.shared());
            // No shutdown hook: at JVM exit it would race platform-api's and hang releasing the Lease of a stopped
            // server; the reconciler dies with the JVM like a killed process.
            shared.startReconciler();
        }
        return shared;
    }

    public KubernetesClient client() {
        return client;
    }

    public PlatformApiServer api() {
        return api;
    }

    /** A fresh namespace, so tests sharing the cluster never see each other's objects. */
    public String createNamespace(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** Starts reconciler-service in this JVM (again, after {@link #stopReconciler()}), with extra arguments. */
    public synchronized void startReconciler(String... extraArguments) {
        if (reconciler != null) {
            return;
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--keel.client.kubeconfig=" + api.kubeconfig(),
                "--keel.reconciler.leader-election.lease-duration=4s",
                "--keel.reconciler.leader-election.renew-deadline=3s",
                "--keel.reconciler.leader-election.retry-period=500ms",
                // Simulated kubelets heartbeat every second; a short grace keeps node-loss tests quick.
                "--keel.reconciler.node-lifecycle.grace-period=" + NODE_GRACE_PERIOD.toSeconds() + "s",
                "--keel.reconciler.job.pod-failure-backoff=1s",
                // Deleted nodes are confirmed gone, and their pods collected, within seconds.
                "--keel.reconciler.pod-gc.quarantine=2s",
                "--keel.reconciler.pod-gc.check-period=2s",
                // New CustomResourceDefinitions are followed by the garbage collector within seconds.
                "--keel.reconciler.garbage-collector.custom-kind-discovery=1s",
                "--keel.reconciler.garbage-collector.unresolved-owner-recheck=2s"));
        arguments.addAll(List.of(extraArguments));
        reconciler = new SpringApplicationBuilder(ReconcilerApplication.class).registerShutdownHook(false)
                .run(arguments.toArray(String[]::new));
    }

    public synchronized void stopReconciler() {
        if (reconciler != null) {
            reconciler.close();
            reconciler = null;
        }
    }

    public synchronized ConfigurableApplicationContext reconciler() {
        return reconciler;
    }
}
