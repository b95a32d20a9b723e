package dev.keel.runtime.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.runtime.client.KubernetesClients;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two replicas on one Lease of a real platform-api: one leads, and the other takes over when it goes. */
class LeaderElectionTest {

    @Test
    void exactlyOneReplicaLeadsAndTheOtherTakesOverWhenItLeaves() {
        String lease = "election-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger leaders = new AtomicInteger();
        AtomicInteger maxLeaders = new AtomicInteger();
        try (KubernetesClient client = KubernetesClients.fromKubeconfig(PlatformApiServer.shared().kubeconfig());
                LeaderElection first = replica(client, lease, "first", leaders, maxLeaders);
                LeaderElection second = replica(client, lease, "second", leaders, maxLeaders)) {
            first.start();
            await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
            second.start();
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !second.isLeader());

            first.close();
            // The lease is released on close, so the standby needs one retry period, not a whole lease duration.
            await().atMost(Duration.ofSeconds(10)).until(second::isLeader);
            Lease held = client.leases().inNamespace("kube-system").withName(lease).get();
            assertThat(held.getSpec().getHolderIdentity()).isEqualTo("second");
            assertThat(maxLeaders.get()).as("never two leaders at once").isEqualTo(1);
        }
    }

    private static LeaderElection replica(KubernetesClient client, String lease, String identity,
            AtomicInteger leaders, AtomicInteger maxLeaders) {
        LeaderElectionProperties properties = new LeaderElectionProperties();
        properties.setLeaseName(lease);
        properties.setIdentity(identity);
        properties.setLeaseDuration(Duration.ofSeconds(4));
        properties.setRenewDeadline(Duration.ofSeconds(3));
        properties.setRetryPeriod(Duration.ofMillis(500));
        return new LeaderElection(client, properties,
                () -> maxLeaders.accumulateAndGet(leaders.incrementAndGet(), Math::max),
                leaders::decrementAndGet);
    }
}
