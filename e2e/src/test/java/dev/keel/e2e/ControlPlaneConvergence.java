package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.e2e.LocalCluster.ControlPlaneService;
import dev.keel.e2e.LocalCluster.ProcessIdentity;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Whether the control plane still does its job after something hostile went past it: the services are the same
 * processes as before (not restarted, not killed), report UP, and converge a new Deployment (the reconciler creates
 * its ReplicaSet and pods, the scheduler binds them, the nodes run them) and a new Service (its Endpoints list the
 * pods). Take {@link #observe} before, call {@link #assertStillConverging} after.
 */
final class ControlPlaneConvergence {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    private final LocalCluster cluster;
    private final Map<ControlPlaneService, ProcessIdentity> before;

    private ControlPlaneConvergence(LocalCluster cluster, Map<ControlPlaneService, ProcessIdentity> before) {
        this.cluster = cluster;
        this.before = before;
    }

    /** Records which processes the control-plane services are now, and checks they report UP. */
    static ControlPlaneConvergence observe(LocalCluster cluster) {
        Map<ControlPlaneService, ProcessIdentity> processes = new EnumMap<>(ControlPlaneService.class);
        for (ControlPlaneService service : ControlPlaneService.values()) {
            processes.put(service, cluster.process(service.component));
            assertThat(cluster.healthStatus(service)).as("%s health before", service.component).isEqualTo("UP");
        }
        return new ControlPlaneConvergence(cluster, processes);
    }

    /**
     * In {@code namespace}: a Deployment {@code name} of one busybox httpd becomes available, a Service of the same
     * name gets its pod as endpoint; the services are UP and the same processes as when observed.
     */
    void assertStillConverging(KubernetesClient client, String namespace, String name) {
        Map<String, String> labels = Map.of("app", name);
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(LocalCluster.BUSYBOX)
                .withCommand("sh", "-c", LocalCluster.SERVE_HOSTNAME).endContainer().endSpec()
                .endTemplate().endSpec().build();
        client.apps().deployments().inNamespace(namespace).resource(deployment).create();
        client.services().inNamespace(namespace).resource(new ServiceBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSelector(labels).addNewPort().withPort(80).withNewTargetPort(8080).endPort().endSpec()
                .build()).create();

        Poll.until(LIMIT, "a new Deployment " + namespace + "/" + name + " becomes available", () -> {
            Deployment current = client.apps().deployments().inNamespace(namespace).withName(name).get();
            Integer available = current == null || current.getStatus() == null ? null : current.getStatus().getAvailableReplicas();
            return available != null && available == 1;
        });
        Poll.until(LIMIT, "a new Service " + namespace + "/" + name + " gets its pod as endpoint", () -> {
            Endpoints endpoints = client.endpoints().inNamespace(namespace).withName(name).get();
            return endpoints != null && endpoints.getSubsets().stream().anyMatch(subset -> !subset.getAddresses().isEmpty());
        });
        for (ControlPlaneService service : ControlPlaneService.values()) {
            assertThat(cluster.healthStatus(service)).as("%s health after", service.component).isEqualTo("UP");
            assertThat(cluster.process(service.component)).as("%s was neither restarted nor killed", service.component)
                    .isEqualTo(before.get(service));
        }
    }
}
