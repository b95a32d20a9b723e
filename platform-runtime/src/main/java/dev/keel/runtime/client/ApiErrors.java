package dev.keel.runtime.client;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the API server said when a request failed, for events and logs that should read as Kubernetes' do. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /**
     * The Status message ({@code pods "web-x" is forbidden: exceeded quota: ...}), as kube-controller-manager puts it in
     * its events; without a Status (the server was not reached), the cause's message.
     */
    public static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isEmpty()) {
            return e.getStatus().getMessage();
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
