package dev.keel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.PlatformApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientSmokeTest {
    @Test
    void informerSeesCreates() throws Exception {
        PlatformApiServer api = PlatformApiServer.shared();
        Config config = Config.fromKubeconfig(Files.readString(api.kubeconfig()));
        config.setOnlyHttpWatches(true);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            var seen = new CopyOnWriteArrayList<String>();
            SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default").inform(new ResourceEventHandler<>() {
                public void onAdd(ConfigMap o) { seen.add("add " + o.getMetadata().getName()); }
                public void onUpdate(ConfigMap a, ConfigMap b) { seen.add("update " + b.getMetadata().getName()); }
                public void onDelete(ConfigMap o, boolean unknown) { seen.add("delete " + o.getMetadata().getName()); }
            });
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("smoke").endMetadata().addToData("a", "b").build()).create();
            client.configMaps().inNamespace("default").withName("smoke").edit(c -> { c.getData().put("a", "c"); return c; });
            client.configMaps().inNamespace("default").withName("smoke").delete();
            for (int i = 0; i < 100 && seen.size() < 3; i++) TimeUnit.MILLISECONDS.sleep(50);
            informer.close();
            assertThat(seen).containsExactly("add smoke", "update smoke", "delete smoke");
        }
    }
}
