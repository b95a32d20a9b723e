package dev.keel.api.apiextensions;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import dev.keel.api.admission.Operation;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * apiextensions/v1's defaults and the CRD strategy's server-set fields: singular from the kind, listKind
 * {@code <Kind>List}, conversion {@code None}, a conversion service's port 443; a new CRD starts with no status but
 * {@code storedVersions} holding its storage version, and every later storage version is appended; the
 * {@code customresourcecleanup.apiextensions.k8s.io} finalizer is set so deleting the CRD deletes its objects first.
 * (kube-apiserver adds that finalizer when the delete arrives; keel sets it from creation, so the generic delete
 * path holds the CRD, and it shows in the object before deletion too.)
 */
@Component
@Order(300)
public class CustomResourceDefinitionDefaulting implements MutatingAdmission {

    public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    @Override
    public void mutate(AdmissionRequest request) {
        if (!(request.object() instanceof CustomResourceDefinition crd) || request.subresource() != null || crd.getSpec() == null) {
            return;
        }
        defaults(crd);
        if (request.operation() == Operation.CREATE) {
            crd.setStatus(new CustomResourceDefinitionStatus());
        }
        // Kept on every write (a replace without it would otherwise drop it), never added once deletion started.
        if (crd.getMetadata().getDeletionTimestamp() == null) {
            addCleanupFinalizer(crd);
        }
        recordStorageVersion(crd);
    }

    private static void defaults(CustomResourceDefinition crd) {
        CustomResourceDefinitionNames names = crd.getSpec().getNames();
        if (names != null && names.getKind() != null && !names.getKind().isEmpty()) {
            if (names.getSingular() == null || names.getSingular().isEmpty()) {
                names.setSingular(names.getKind().toLowerCase(Locale.ROOT));
            }
            if (names.getListKind() == null || names.getListKind().isEmpty()) {
                names.setListKind(names.getKind() + "List");
            }
        }
        if (crd.getSpec().getConversion() == null) {
            crd.getSpec().setConversion(new CustomResourceConversion("None", null));
        }
        var webhook = crd.getSpec().getConversion().getWebhook();
        if (webhook != null && webhook.getClientConfig() != null && webhook.getClientConfig().getService() != null
                && webhook.getClientConfig().getService().getPort() == null) {
            webhook.getClientConfig().getService().setPort(443);
        }
    }

    private static void addCleanupFinalizer(CustomResourceDefinition crd) {
        List<String> finalizers = crd.getMetadata().getFinalizers() == null
                ? new ArrayList<>() : new ArrayList<>(crd.getMetadata().getFinalizers());
        if (!finalizers.contains(CLEANUP_FINALIZER)) {
            finalizers.add(CLEANUP_FINALIZER);
        }
        crd.getMetadata().setFinalizers(finalizers);
    }

    /** The storage version joins status.storedVersions, as the CRD strategy's PrepareForCreate/Update do. */
    private static void recordStorageVersion(CustomResourceDefinition crd) {
        if (crd.getSpec().getVersions() == null) {
            return;
        }
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            if (Boolean.TRUE.equals(version.getStorage())) {
                if (crd.getStatus() == null) {
                    crd.setStatus(new CustomResourceDefinitionStatus());
                }
                List<String> stored = crd.getStatus().getStoredVersions() == null
                        ? new ArrayList<>() : new ArrayList<>(crd.getStatus().getStoredVersions());
                if (!stored.contains(version.getName())) {
                    stored.add(version.getName());
                }
                crd.getStatus().setStoredVersions(stored);
                return;
            }
        }
    }
}
