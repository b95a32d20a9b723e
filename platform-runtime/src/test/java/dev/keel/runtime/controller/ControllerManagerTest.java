package dev.keel.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.runtime.client.KubernetesClients;
import dev.keel.runtime.health.RuntimeHealth;
import dev.keel.runtime.health.RuntimeHealthProperties;
import dev.keel.runtime.leader.LeaderElection;
import dev.keel.runtime.leader.LeaderElectionProperties;
import dev.keel.runtime.queue.MutableClock;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A leader whose controllers cannot start gives its Lease up; the health says DOWN once the bounds pass. */
class ControllerManagerTest {

    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        client = KubernetesClients.fromKubeconfig(PlatformApiServer.shared().kubeconfig());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aLeaderWhoseCachesNeverSyncGivesUpItsLeaseToAStandby() {
        String lease = "stuck-" + UUID.randomUUID().toString().substring(0, 8);
        Informers informers = new Informers(client, Duration.ZERO);
        Controller controller = Controller.builder("never-synced", request -> Result.done())
                .syncTimeout(Duration.ofSeconds(2))
                .watch(informers.informer(Absent.class), EventSource.self()).build();
        try (ControllerManager stuck = new ControllerManager(informers, List.of(controller),
                        election(lease, "stuck"), Duration.ofSeconds(2));
                LeaderElection standby = new LeaderElection(client, election(lease, "standby"), () -> { }, () -> { })) {
            stuck.start();
            await().atMost(Duration.ofSeconds(10)).until(stuck::isLeading);
            standby.start();
            await().atMost(Duration.ofSeconds(30)).until(standby::isLeader);
            Lease held = client.leases().inNamespace("kube-system").withName(lease).get();
            assertThat(held.getSpec().getHolderIdentity()).isEqualTo("standby");
            assertThat(stuck.isLeading()).isFalse();
        }
    }

    @Test
    void aLeaderWhoseCacheStopsWhileLeadingGivesUpItsLeaseToAStandby() {
        String lease = "deaf-" + UUID.randomUUID().toString().substring(0, 8);
        Informers informers = new Informers(client, Duration.ZERO);
        Controller controller = Controller.builder("goes-deaf", request -> Result.done())
                .watch(informers.informer(ConfigMap.class), EventSource.self()).build();
        try (ControllerManager leader = new ControllerManager(informers, List.of(controller),
                        election(lease, "leader"), Duration.ofSeconds(2));
                LeaderElection standby = new LeaderElection(client, election(lease, "standby"), () -> { }, () -> { })) {
            leader.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> leader.isLeading() && controller.isRunning());
            standby.start();
            // The cache goes away under the running controller, as when a watch can no longer be kept.
            informers.informer(ConfigMap.class).stop();
            await().atMost(Duration.ofSeconds(30)).until(standby::isLeader);
            assertThat(leader.isLeading()).isFalse();
            assertThat(controller.isRunning()).isFalse();
        }
    }

    @Test
    void healthIsDownOnceAnInformerHasNotSyncedOrALeadersControllerNotRunForLongerThanTheBound() {
        RuntimeHealthProperties bounds = new RuntimeHealthProperties();
        bounds.setInformerSyncBound(Duration.ofSeconds(1));
        bounds.setControllerRunningBound(Duration.ofSeconds(1));
        bounds.setSamplePeriod(Duration.ofMillis(200));
        Informers informers = new Informers(client, Duration.ZERO);
        Controller controller = Controller.builder("never-synced", request -> Result.done())
                .syncTimeout(Duration.ofSeconds(30))
                .watch(informers.informer(Absent.class), EventSource.self()).build();
        LeaderElectionProperties noElection = new LeaderElectionProperties();
        noElection.setEnabled(false);
        MutableClock clock = new MutableClock(Instant.now());
        try (RuntimeHealth health = new RuntimeHealth(bounds, clock);
                ControllerManager manager = new ControllerManager(informers, List.of(controller), noElection,
                        Duration.ofSeconds(30))) {
            health.informers(informers);
            health.controller("never-synced", manager::isLeading, manager::controllersRunning);
            manager.start();
            assertThat(health.sample().up()).as("within the bounds").isTrue();
            clock.advance(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> !health.sample().up());
            assertThat(health.sample().details()).containsKeys("informer Absent", "controller never-synced");
            assertThat(health.sample().details().get("informer Absent")).startsWith("DOWN");
        }
    }

    private static LeaderElectionProperties election(String lease, String identity) {
        LeaderElectionProperties properties = new LeaderElectionProperties();
        properties.setLeaseName(lease);
        properties.setIdentity(identity);
        properties.setLeaseDuration(Duration.ofSeconds(4));
        properties.setRenewDeadline(Duration.ofSeconds(3));
        properties.setRetryPeriod(Duration.ofMillis(500));
        return properties;
    }
}
