package dev.keel.reconciler.testing;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Retries a read-modify-write a test makes on an object a controller or kubelet writes too (status, heartbeats): a
 * 409 Conflict means someone else wrote first, so the change is made again on the newer object, as kubectl edit would.
 */
public final class Conflicts {

    private static final int ATTEMPTS = 10;

    private Conflicts() {
    }

    public static <T> T retry(Supplier<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return change.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
