package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import org.springframework.stereotype.Component;

/** Claims: Filesystem volume mode and a Pending phase (also for stateful set claim templates). */
@Component
public class PersistentVolumeClaimDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (request.type().kind().equals("PersistentVolumeClaim") && request.object() instanceof PersistentVolumeClaim claim) {
            apply(claim);
        }
    }

    static void apply(PersistentVolumeClaim claim) {
        if (claim.getSpec() == null) {
            claim.setSpec(new PersistentVolumeClaimSpec());
        }
        if (PodSpecDefaults.blank(claim.getSpec().getVolumeMode())) {
            claim.getSpec().setVolumeMode("Filesystem");
        }
        if (claim.getStatus() == null) {
            claim.setStatus(new PersistentVolumeClaimStatus());
        }
        if (PodSpecDefaults.blank(claim.getStatus().getPhase())) {
            claim.getStatus().setPhase("Pending");
        }
    }
}
