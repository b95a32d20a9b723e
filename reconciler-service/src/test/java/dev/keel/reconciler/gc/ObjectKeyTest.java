package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

class ObjectKeyTest {

    private final GcKinds kinds = GcKinds.served();

    @Test
    void namespacedKeysRoundTripThroughTheWorkQueue() {
        ObjectKey key = new ObjectKey(GcKind.of(ReplicaSet.class), "shop", "web-5d8");

        Request request = key.toRequest();

        assertThat(request).isEqualTo(new Request("shop", "ReplicaSet.apps/web-5d8"));
        assertThat(ObjectKey.fromRequest(request, kinds)).contains(key);
    }

    @Test
    void clusterScopedKeysHaveNoNamespace() {
        ObjectKey key = new ObjectKey(GcKind.of(Node.class), "ignored", "node-1");

        assertThat(key.toRequest()).isEqualTo(new Request(null, "Node/node-1"));
        assertThat(ObjectKey.fromRequest(key.toRequest(), kinds)).hasValueSatisfying(
                parsed -> assertThat(parsed.name()).isEqualTo("node-1"));
    }

    @Test
    void ownerReferencesFindKindsByGroupWhateverTheVersion() {
        assertThat(kinds.find("apps/v1", "ReplicaSet")).hasValueSatisfying(kind -> assertThat(kind.namespaced()).isTrue());
        assertThat(kinds.find("v1", "Node")).hasValueSatisfying(kind -> assertThat(kind.namespaced()).isFalse());
        assertThat(kinds.find("example.com/v1", "Widget")).isEmpty();
    }
}
