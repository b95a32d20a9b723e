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

    @GetMapping(path = {"/livez", "/healthz"}, produces = MediaType.TEXT_PLAIN_VALUE)
    public String live() {
        return "ok";
    }

    @GetMapping(path = "/readyz", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> ready() {
        if (!defaultNamespaces.done()) {
            return ResponseEntity.status(503).body("default namespaces: not created yet");
        }
        try {
            store.currentRevision();
            return ResponseEntity.ok("ok");
        } catch (RuntimeException e) {
            return ResponseEntity.status(503).body("etcd: " + e.getMessage());
        }
    }
}
