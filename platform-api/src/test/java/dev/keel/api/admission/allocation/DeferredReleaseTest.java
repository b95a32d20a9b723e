package dev.keel.api.admission.allocation;

import static dev.keel.api.admission.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.store.EtcdStore;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeferredReleaseTest {

    private final EtcdStore store = EtcdStores.shared();
    private final FakeServiceLookup stored = new FakeServiceLookup();
    private RangeAllocator ports;
    private DeferredRelease releases;
    private Service service;
    private String owner;

    @BeforeEach
    void setUp() {
        ports = new RangeAllocator(store, EtcdStores.freshPrefix() + "servicenodeports/", NodePortRange.parse("30000-32767"), new Random());
        releases = new DeferredRelease(stored, Duration.ofMillis(800));
        service = service("web").type("NodePort").nodePort("http", 80, 30300).build();
        owner = ServiceHoldings.owner(service);
    }

    @AfterEach
    void tearDown() {
        releases.close();
    }

    private DeferredRelease.Handle releaseLater(long beforeRevision) {
        Claim claim = ports.claim("30300", owner);
        return releases.schedule("default", "web", owner, service.getMetadata().getUid(), beforeRevision,
                List.of(new DeferredRelease.Held(ports, "30300", claim.revision(), true)));
    }

    @Test
    void aDeletedServiceLosesItsValuesAtOnce() {
        releaseLater(10);

        await().atMost(Duration.ofSeconds(3)).until(() -> ports.heldBy("30300", owner).isEmpty());
    }

    @Test
    void anUnchangedServiceKeepsItsValuesUntilTheTimeout() throws InterruptedException {
        stored.store(service, 10);
        releaseLater(10);

        Thread.sleep(1500);

        assertThat(ports.heldBy("30300", owner)).isPresent();
    }

    @Test
    void aStoredServiceThatStillUsesTheValueKeepsIt() throws InterruptedException {
        releaseLater(10);
        stored.store(service, 11);

        Thread.sleep(500);

        assertThat(ports.heldBy("30300", owner)).isPresent();
    }

    @Test
    void aCancelledReleaseNeverRuns() throws InterruptedException {
        DeferredRelease.Handle handle = releaseLater(10);
        handle.cancel();

        Thread.sleep(500);

        assertThat(ports.heldBy("30300", owner)).isPresent();
    }

    @Test
    void aValueClaimedAgainSinceIsNotReleased() throws InterruptedException {
        stored.store(service, 10);
        releaseLater(10);
        ports.claim("30300", owner);
        service.getSpec().getPorts().get(0).setNodePort(30301);
        stored.store(service, 11);

        Thread.sleep(500);

        assertThat(ports.heldBy("30300", owner)).isPresent();
    }
}
