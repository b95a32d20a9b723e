package dev.keel.node.testing;

import dev.keel.node.config.ConfigSources;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Objects a unit test puts in place of the API server's, keyed by namespace/name; a builder per kind. */
public final class InMemoryConfigSources implements ConfigSources {

    private final Map<String, ConfigMap> configMaps = new HashMap<>();
    private final Map<String, Secret> secrets = new HashMap<>();
    private final Map<String, PersistentVolumeClaim> claims = new HashMap<>();

    public InMemoryConfigSources configMap(String namespace, String name, Map<String, String> data) {
        configMaps.put(namespace + "/" + name, new ConfigMapBuilder().withNewMetadata().withNamespace(namespace)
            .withName(name).endMetadata().withData(data).build());
        return this;
    }

    /** A Secret as the API stores it: values base64-encoded in {@code data}. */
    public InMemoryConfigSources secret(String namespace, String name, Map<String, String> plain) {
        Map<String, String> encoded = new LinkedHashMap<>();
        plain.forEach((key, value) -> encoded.put(key,
            Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        secrets.put(namespace + "/" + name, new SecretBuilder().withNewMetadata().withNamespace(namespace)
            .withName(name).endMetadata().withData(encoded).build());
        return this;
    }

    public InMemoryConfigSources claim(String namespace, String name, String uid) {
        claims.put(namespace + "/" + name, new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(namespace)
            .withName(name).withUid(uid).endMetadata().build());
        return this;
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(namespace + "/" + name));
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }

    @Override
    public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
        return Optional.ofNullable(claims.get(namespace + "/" + name));
    }
}
