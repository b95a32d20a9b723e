package dev.keel.api.admission.validation;

import static dev.keel.api.admission.Fixtures.meta;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.admission.ModelTrees;
import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredObjectsValidationTest {

    private static ConfigMap configMap(Map<String, String> data, Boolean immutable) {
        ConfigMap configMap = new ConfigMap();
        configMap.setMetadata(meta("settings"));
        configMap.setData(data);
        configMap.setImmutable(immutable);
        return configMap;
    }

    private static PersistentVolumeClaim claim(String storage) {
        PersistentVolumeClaim claim = new PersistentVolumeClaim();
        claim.setMetadata(meta("data"));
        PersistentVolumeClaimSpec spec = new PersistentVolumeClaimSpec();
        spec.setAccessModes(List.of("ReadWriteOnce"));
        VolumeResourceRequirements resources = new VolumeResourceRequirements();
        resources.setRequests(Map.of("storage", new Quantity(storage)));
        spec.setResources(resources);
        claim.setSpec(spec);
        Plugins.defaulted(Requests.create(claim));
        return claim;
    }

    @Test
    void configMapKeysMustBeFileNames() {
        assertThat(Plugins.admit(Requests.create(configMap(Map.of("app/config", "x"), null)))).containsExactly(
                "data[app/config]: Invalid value: \"app/config\": a valid config key must consist of alphanumeric characters, "
                        + "'-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
    }

    @Test
    void immutableConfigMapsKeepTheirData() {
        ConfigMap old = configMap(Map.of("mode", "fast"), true);
        ConfigMap changed = configMap(Map.of("mode", "slow"), true);
        ConfigMap unlocked = configMap(Map.of("mode", "fast"), false);
        ConfigMap relabelled = configMap(Map.of("mode", "fast"), true);
        relabelled.getMetadata().setLabels(Map.of("tier", "web"));

        assertThat(Plugins.admit(Requests.update(changed, old)))
                .containsExactly("data: Forbidden: field is immutable when `immutable` is set");
        assertThat(Plugins.admit(Requests.update(unlocked, old)))
                .containsExactly("immutable: Forbidden: field is immutable when `immutable` is set");
        assertThat(Plugins.admit(Requests.update(relabelled, old))).isEmpty();
    }

    @Test
    void secretsKeepTheirTypeAndCarryTheKeysItNeeds() {
        Secret tls = new Secret();
        tls.setMetadata(meta("cert"));
        tls.setType("kubernetes.io/tls");
        tls.setData(Map.of("tls.crt", "Y2VydA=="));
        Secret old = new Secret();
        old.setMetadata(meta("creds"));
        Plugins.defaulted(Requests.create(old));
        Secret retyped = ModelTrees.copy(old);
        retyped.setType("kubernetes.io/basic-auth");
        retyped.setData(Map.of("username", "YWRtaW4="));

        assertThat(Plugins.admit(Requests.create(tls))).containsExactly("data[tls.key]: Required value");
        assertThat(Plugins.admit(Requests.update(retyped, old)))
                .containsExactly("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable");
    }

    @Test
    void claimsNeedAccessModesAndStorage() {
        PersistentVolumeClaim claim = new PersistentVolumeClaim();
        claim.setMetadata(meta("data"));

        assertThat(Plugins.admit(Requests.create(claim))).containsExactly(
                "spec.accessModes: Required value: at least 1 access mode is required",
                "spec.resources[storage]: Required value");
    }

    @Test
    void claimsMayOnlyGrowAfterCreation() {
        PersistentVolumeClaim old = claim("1Gi");
        PersistentVolumeClaim grown = claim("2Gi");
        PersistentVolumeClaim remoded = claim("1Gi");
        remoded.getSpec().setAccessModes(List.of("ReadWriteMany"));

        assertThat(Plugins.admit(Requests.update(grown, old))).isEmpty();
        assertThat(Plugins.admit(Requests.update(remoded, old))).containsExactly("spec: Forbidden: spec is immutable after "
                + "creation except resources.requests and volumeAttributesClassName for bound claims");
    }
}
