package dev.keel.api.discovery;

import dev.keel.api.store.RevisionedStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Kubernetes' health endpoints: live while the process runs, ready while etcd answers. */
@RestController
public class HealthController {

    private final RevisionedStore store;

    public HealthController(RevisionedStore store) {
        this.store = store;
    }

    @GetMapping(path = {"/livez", "/healthz"}, produces = MediaType.TEXT_PLAIN_VALUE)
    public String live() {
        return "ok";
    }

    @GetMapping(path = "/readyz", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> ready() {
        try {
            store.currentRevision();
            return ResponseEntity.ok("ok");
        } catch (RuntimeException e) {
            return ResponseEntity.status(503).body("etcd: " + e.getMessage());
        }
    }
}
