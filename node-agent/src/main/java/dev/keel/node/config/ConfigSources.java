package dev.keel.node.config;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * Where the agent reads the objects a pod refers to for its environment and volumes. Empty means the object does
 * not exist; a fault reaching the API server is an exception (the pod sync is retried).
 */
public interface ConfigSources {

    Optional<ConfigMap> configMap(String namespace, String name);

    Optional<Secret> secret(String namespace, String name);

    Optional<PersistentVolumeClaim> claim(String namespace, String name);
}
