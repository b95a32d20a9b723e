package dev.keel.reconciler.serviceaccount;

import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.ReconcilerTestCluster;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DefaultServiceAccountTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();

    private ServiceAccount defaultAccount(String namespace) {
        return client.serviceAccounts().inNamespace(namespace).withName("default").get();
    }

    @Test
    void everyNewNamespaceGetsADefaultServiceAccount() {
        String namespace = cluster.createNamespace("sa");

        await().atMost(TIMEOUT).until(() -> defaultAccount(namespace) != null);
    }

    @Test
    void aDeletedDefaultServiceAccountIsRecreated() {
        String namespace = cluster.createNamespace("sa");
        await().atMost(TIMEOUT).until(() -> defaultAccount(namespace) != null);
        String firstUid = defaultAccount(namespace).getMetadata().getUid();

        client.serviceAccounts().inNamespace(namespace).withName("default").delete();

        await().atMost(TIMEOUT).until(() -> {
            ServiceAccount current = defaultAccount(namespace);
            return current != null && !current.getMetadata().getUid().equals(firstUid);
        });
    }
}
