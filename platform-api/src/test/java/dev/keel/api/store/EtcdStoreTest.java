package dev.keel.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.api.testing.EtcdServer;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link RevisionedStore} contract, against a real etcd. */
class EtcdStoreTest {

    private static EtcdStore store;
    private String prefix;

    @BeforeAll
    static void connect() {
        Client client = Client.builder().endpoints(EtcdServer.shared().endpoint()).build();
        store = new EtcdStore(client, Duration.ofSeconds(5), 1024 * 1024, new SimpleMeterRegistry());
    }

    @AfterAll
    static void disconnect() {
        store.close();
    }

    @BeforeEach
    void isolate() {
        prefix = "/test/" + UUID.randomUUID() + "/";
    }

    @Test
    void createRefusesAnExistingKey() {
        long revision = store.create(prefix + "a", bytes("one"));

        assertThat(store.get(prefix + "a")).get().satisfies(v -> {
            assertThat(v.modRevision()).isEqualTo(revision);
            assertThat(new String(v.value(), StandardCharsets.UTF_8)).isEqualTo("one");
        });
        assertThatThrownBy(() -> store.create(prefix + "a", bytes("two"))).isInstanceOf(KeyExistsException.class);
    }

    @Test
    void updateIsGuardedByTheRevisionLastSeen() {
        long first = store.create(prefix + "a", bytes("one"));
        long second = store.update(prefix + "a", bytes("two"), first);

        assertThat(second).isGreaterThan(first);
        assertThatThrownBy(() -> store.update(prefix + "a", bytes("three"), first))
                .isInstanceOf(RevisionConflictException.class);
        assertThat(new String(store.get(prefix + "a").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("two");
        assertThatThrownBy(() -> store.update(prefix + "missing", bytes("x"), 1)).isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    void deleteIsGuardedByTheRevisionLastSeen() {
        long first = store.create(prefix + "a", bytes("one"));
        long second = store.update(prefix + "a", bytes("two"), first);

        assertThatThrownBy(() -> store.delete(prefix + "a", first)).isInstanceOf(RevisionConflictException.class);
        store.delete(prefix + "a", second);
        assertThat(store.get(prefix + "a")).isEmpty();
        assertThatThrownBy(() -> store.delete(prefix + "a", second)).isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    void listPagesThroughAPrefixAtOneRevision() {
        for (int i = 0; i < 5; i++) {
            store.create(prefix + "k" + i, bytes("v" + i));
        }
        RevisionedStore.ListPage first = store.list(prefix, null, 0, 2);
        store.create(prefix + "k9", bytes("late"));
        RevisionedStore.ListPage rest = store.list(prefix, first.items().get(1).key() + "\0", first.revision(), 0);

        assertThat(first.items()).extracting(StoredValue::key).containsExactly(prefix + "k0", prefix + "k1");
        assertThat(first.more()).isTrue();
        assertThat(rest.items()).extracting(StoredValue::key).containsExactly(prefix + "k2", prefix + "k3", prefix + "k4");
        assertThat(store.list(prefix, null, 0, 0).items()).hasSize(6);
    }

    @Test
    void keysWithATimeToLiveDisappearOnTheirOwnAndEveryWriteRestartsIt() throws InterruptedException {
        Client client = Client.builder().endpoints(EtcdServer.shared().endpoint()).build();
        try (EtcdStore leased = new EtcdStore(client, Duration.ofSeconds(5), 1024 * 1024, new SimpleMeterRegistry(), Duration.ZERO)) {
            long created = leased.create(prefix + "short", bytes("one"), Duration.ofSeconds(2));
            leased.create(prefix + "kept", bytes("one"));
            Thread.sleep(1200);
            leased.update(prefix + "short", bytes("two"), created, Duration.ofSeconds(2));
            Thread.sleep(1200);

            assertThat(leased.get(prefix + "short")).as("the update restarted the time to live").isPresent();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (leased.get(prefix + "short").isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(leased.get(prefix + "short")).isEmpty();
            assertThat(leased.get(prefix + "kept")).isPresent();
        }
    }

    @Test
    void valuesOverTheLimitAreRefusedBeforeReachingEtcd() {
        assertThatThrownBy(() -> store.create(prefix + "big", new byte[1024 * 1024 + 1]))
                .isInstanceOf(ValueTooLargeException.class);
        assertThat(store.get(prefix + "big")).isEmpty();
    }

    @Test
    void watchReplaysEveryChangeAfterARevisionWithPreviousValues() throws InterruptedException {
        long start = store.create(prefix + "a", bytes("one"));
        long updated = store.update(prefix + "a", bytes("two"), start);
        store.delete(prefix + "a", updated);
        List<StoreEvent> seen = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);

        try (StoreWatch ignored = store.watch(prefix, start, collect(seen, two))) {
            assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(seen).extracting(StoreEvent::type).containsExactly(StoreEvent.Type.PUT, StoreEvent.Type.DELETE);
        assertThat(new String(seen.get(0).previousValue(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(new String(seen.get(1).previousValue(), StandardCharsets.UTF_8)).isEqualTo("two");
    }

    @Test
    void compactedHistoryFailsListsAndWatchesWithATypedError() throws InterruptedException {
        long old = store.create(prefix + "a", bytes("one"));
        store.update(prefix + "a", bytes("two"), old);
        store.compact(store.currentRevision());
        AtomicReference<StoreException> failure = new AtomicReference<>();
        CountDownLatch failed = new CountDownLatch(1);

        assertThatThrownBy(() -> store.list(prefix, null, old, 0)).isInstanceOf(RevisionCompactedException.class);
        try (StoreWatch ignored = store.watch(prefix, old - 1, new StoreWatchListener() {
            @Override
            public void onEvents(List<StoreEvent> events) {
            }

            @Override
            public void onError(StoreException error) {
                failure.set(error);
                failed.countDown();
            }
        })) {
            assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failure.get()).isInstanceOf(RevisionCompactedException.class);
    }

    private static StoreWatchListener collect(List<StoreEvent> seen, CountDownLatch latch) {
        return new StoreWatchListener() {
            @Override
            public void onEvents(List<StoreEvent> events) {
                seen.addAll(events);
                events.forEach(e -> latch.countDown());
            }

            @Override
            public void onError(StoreException error) {
                throw new AssertionError("watch failed", error);
            }
        };
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
