package dev.keel.reconciler.testing;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh namespace per test on the shared {@link ReconcilerTestCluster}, with a {@link SimulatedKubelet} for its pods
 * on node {@code node-<namespace>}; the kubelet stops after the test.
 */
public final class KubeletNamespace implements BeforeEachCallback, AfterEachCallback {

    private final String prefix;
    private final Duration startDelay;
    private final Duration stopDelay;
    private String name;
    private SimulatedKubelet kubelet;

    public KubeletNamespace(String prefix, Duration startDelay, Duration stopDelay) {
        this.prefix = prefix;
        this.startDelay = startDelay;
        this.stopDelay = stopDelay;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
        name = cluster.createNamespace(prefix);
        kubelet = new SimulatedKubelet(cluster.client(), name, "node-" + name, startDelay, stopDelay);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        kubelet.close();
    }

    public String name() {
        return name;
    }

    public SimulatedKubelet kubelet() {
        return kubelet;
    }
}
