package dev.keel.api.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.store.EtcdStore;
import dev.keel.api.testing.EtcdServer;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The hub's history is bounded in bytes as well as in count: large objects (the 300 KB strings of a fuzz run) must
 * not keep hundreds of megabytes of decoded changes alive.
 */
class WatchHubHistoryTest {

    private static final int OBJECT_BYTES = 200 * 1024;

    private final ResourceRegistry registry = BuiltinResources.registry();
    private final ResourceType configMaps = registry.find("", "v1", "configmaps").orElseThrow();
    private EtcdStore store;
    private ObjectStorage storage;
    private WatchHub hub;

    @BeforeEach
    void start() {
        Client client = Client.builder().endpoints(EtcdServer.shared().endpoint()).build();
        store = new EtcdStore(client, Duration.ofSeconds(10), 2 * 1024 * 1024, new SimpleMeterRegistry());
        ObjectCodec codec = new ObjectCodec();
        // A prefix of its own: the hub sees only this test's writes.
        storage = new ObjectStorage(store, codec, "/hub-history-" + UUID.randomUUID(), Duration.ofHours(1));
        WatchProperties properties = new WatchProperties();
        properties.setHistoryMaxBytes(DataSize.ofMegabytes(1));
        hub = new WatchHub(storage, new ChangeDecoder(storage, codec, registry), properties, new SimpleMeterRegistry());
        hub.start();
    }

    @AfterEach
    void stop() {
        hub.stop();
        store.close();
    }

    @Test
    void largeChangesAreDroppedFromTheHistoryOnceTheirBytesExceedTheBound() throws Exception {
        List<Long> revisions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            revisions.add(storage.create(configMaps, "ns", "big-" + i, configMap("big-" + i)));
        }
        long last = revisions.get(revisions.size() - 1);
        awaitRevision(last);

        // 20 changes of 200 KB are 4 MB; a 1 MiB bound keeps the last five.
        assertThat(hub.historyBytes()).isLessThanOrEqualTo(DataSize.ofMegabytes(1).toBytes()).isGreaterThan(0);
        assertThat(hub.historyLength()).isBetween(1, 5);
        // A watch from before the kept history is sent to etcd (HistoryWatch) by a 410 here.
        assertThatThrownBy(() -> hub.subscribe(configMaps, revisions.get(0), new Collecting()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(410));
        // One from a kept revision is replayed from memory.
        Collecting recent = new Collecting();
        hub.subscribe(configMaps, revisions.get(revisions.size() - 2), recent).close();
        assertThat(recent.events).extracting(ChangeEvent::revision).containsExactly(last);
    }

    @Test
    void aSingleChangeLargerThanTheBoundIsStillKeptAsTheNewest() throws Exception {
        ObjectNode huge = configMap("huge");
        ((ObjectNode) huge.get("data")).put("more", "y".repeat(1024 * 1024));
        long before = storage.create(configMaps, "ns", "small", configMap("small"));
        long revision = storage.create(configMaps, "ns", "huge", huge);
        awaitRevision(revision);

        assertThat(hub.historyLength()).isEqualTo(1);
        Collecting watcher = new Collecting();
        hub.subscribe(configMaps, before, watcher).close();
        assertThat(watcher.events).extracting(ChangeEvent::revision).containsExactly(revision);
    }

    private ObjectNode configMap(String name) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", name).put("namespace", "ns");
        object.putObject("data").put("big", "x".repeat(OBJECT_BYTES));
        return object;
    }

    private void awaitRevision(long revision) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (hub.latestRevision() < revision && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(hub.latestRevision()).as("the hub saw revision %d", revision).isGreaterThanOrEqualTo(revision);
    }

    private static final class Collecting implements ChangeListener {

        private final List<ChangeEvent> events = new ArrayList<>();

        @Override
        public boolean onChange(ChangeEvent event) {
            events.add(event);
            return true;
        }

        @Override
        public void onProgress(long revision) {
        }

        @Override
        public void onClosed(ApiException reason) {
        }
    }
}
