package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.internal.WatchConnectionManager;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fabric8 client with its default configuration, which watches over WebSocket. */
class Fabric8WatchTest extends ApiServerTest {

    private KubernetesClient client;
    private String ns;

    @BeforeEach
    void connect() throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig()));
        assertThat(config.isOnlyHttpWatches()).isFalse();
        client = new KubernetesClientBuilder().withConfig(config).build();
        ns = createNamespace("fabric8");
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void anInformerSeesAddUpdateAndDelete() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(ns).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap object) {
                seen.add("add " + object.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap before, ConfigMap after) {
                seen.add("update " + after.getMetadata().getName() + " " + after.getData());
            }

            @Override
            public void onDelete(ConfigMap object, boolean finalStateUnknown) {
                seen.add("delete " + object.getMetadata().getName());
            }
        }, 0);
        try {
            assertThat(informer.hasSynced()).isTrue();
            configMaps().resource(configMap("a", Map.of())).create();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("add a");
            configMaps().resource(configMap("a", Map.of("k", "1"))).update();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("update a {k=1}");
            configMaps().withName("a").delete();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("delete a");
        } finally {
            informer.close();
        }
    }

    @Test
    void aWatchRunsOverWebSocket() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (Watch watch = configMaps().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                seen.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                seen.add("closed " + cause.getMessage());
            }
        })) {
            // fabric8 falls back to a plain HTTP watch (another class) when the upgrade is refused.
            assertThat(watch).isInstanceOf(WatchConnectionManager.class);
            configMaps().resource(configMap("b", Map.of())).create();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED b");
        }
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<ConfigMap, io.fabric8.kubernetes.api.model.ConfigMapList,
            io.fabric8.kubernetes.client.dsl.Resource<ConfigMap>> configMaps() {
        return client.configMaps().inNamespace(ns);
    }

    private ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().withData(data).build();
    }
}
