package dev.keel.api.discovery;

import dev.keel.api.DefaultNamespaces;
import dev.keel.api.store.RevisionedStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Kubernetes' health endpoints: live while the process runs, ready once the default namespaces exist and while etcd answers. */
@RestController
public class HealthController {

    private final RevisionedStore store;
    private final DefaultNamespaces defaultNamespaces;

    public HealthController(RevisionedStore store, DefaultNamespaces defaultNamespaces) {
        this.store = store;
        this.defaultNamespaces = defaultNamespaces;
    }

    // No "produces": like kube-apiserver, the checks answer plain text whatever the Accept header asks for.

    @GetMapping(path = {"/livez", "/healthz"})
    public ResponseEntity<String> live() {
        return text(200, "ok");
    }

    @GetMapping(path = "/readyz")
    public ResponseEntity<String> ready() {
        if (!defaultNamespaces.done()) {
            return text(503, "default namespaces: not created yet");
        }
        try {
            store.currentRevision();
            return text(200, "ok");
        } catch (RuntimeException e) {
            return text(503, "etcd: " + e.getMessage());
        }
    }

    private static ResponseEntity<String> text(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
