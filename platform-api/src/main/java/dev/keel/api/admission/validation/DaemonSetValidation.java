package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Daemon sets: selector and template, update strategy; the selector is fixed after creation. */
@Component
public class DaemonSetValidation implements ValidatingAdmission {

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("DaemonSet") || !(request.object() instanceof DaemonSet daemonSet)) {
            return;
        }
        DaemonSetSpec spec = daemonSet.getSpec();
        if (spec == null) {
            errors.required("spec.selector", "");
            return;
        }
        WorkloadRules.selector(errors, spec.getSelector(), spec.getTemplate(), "daemonset");
        PodSpecRules.template(errors, "spec.template", spec.getTemplate(), Set.of(),
                request.operation() == Operation.UPDATE && request.oldObject() instanceof DaemonSet old && old.getSpec() != null
                        ? PodSpecRules.stored(old.getSpec().getTemplate()) : null);
        WorkloadRules.alwaysRestarting(errors, spec.getTemplate(), "DaemonSet");
        WorkloadRules.nonNegative(errors, "spec.minReadySeconds", spec.getMinReadySeconds());
        WorkloadRules.nonNegative(errors, "spec.revisionHistoryLimit", spec.getRevisionHistoryLimit());
        updateStrategy(errors, spec.getUpdateStrategy());
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof DaemonSet old && old.getSpec() != null) {
            WorkloadRules.immutableSelector(errors, spec.getSelector(), old.getSpec().getSelector());
        }
    }

    private static void updateStrategy(FieldErrors errors, DaemonSetUpdateStrategy strategy) {
        String type = strategy == null || strategy.getType() == null ? "" : strategy.getType();
        switch (type) {
            case "OnDelete" -> {
            }
            case "RollingUpdate" -> {
                RollingUpdateDaemonSet rollingUpdate = strategy.getRollingUpdate();
                if (rollingUpdate == null) {
                    errors.required("spec.updateStrategy.rollingUpdate", "");
                } else {
                    rollingUpdate(errors, rollingUpdate);
                }
            }
            default -> errors.notSupported("spec.updateStrategy", type, List.of("RollingUpdate", "OnDelete"));
        }
    }

    private static void rollingUpdate(FieldErrors errors, RollingUpdateDaemonSet rollingUpdate) {
        String path = "spec.updateStrategy.rollingUpdate";
        WorkloadRules.intOrPercent(errors, path + ".maxUnavailable", rollingUpdate.getMaxUnavailable());
        WorkloadRules.intOrPercent(errors, path + ".maxSurge", rollingUpdate.getMaxSurge());
        WorkloadRules.notMoreThan100Percent(errors, path + ".maxUnavailable", rollingUpdate.getMaxUnavailable());
        WorkloadRules.notMoreThan100Percent(errors, path + ".maxSurge", rollingUpdate.getMaxSurge());
        boolean unavailable = WorkloadRules.amount(rollingUpdate.getMaxUnavailable()) != 0;
        boolean surge = WorkloadRules.amount(rollingUpdate.getMaxSurge()) != 0;
        if (unavailable && surge) {
            errors.invalid(path + ".maxSurge", GoValue.intOrString(rollingUpdate.getMaxSurge()),
                    "may not be set when maxUnavailable is non-zero");
        } else if (!unavailable && !surge) {
            errors.required(path + ".maxUnavailable", "cannot be 0 when maxSurge is 0");
        }
    }
}
