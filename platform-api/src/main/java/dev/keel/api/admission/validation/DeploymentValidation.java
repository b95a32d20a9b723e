package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Deployments: selector and template, rollout strategy, counts; the selector is fixed after creation. */
@Component
public class DeploymentValidation implements ValidatingAdmission {

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("Deployment") || !(request.object() instanceof Deployment deployment)) {
            return;
        }
        DeploymentSpec spec = deployment.getSpec();
        if (spec == null) {
            errors.required("spec.selector", "");
            return;
        }
        WorkloadRules.nonNegative(errors, "spec.replicas", spec.getReplicas());
        WorkloadRules.selector(errors, spec.getSelector(), spec.getTemplate(), "deployment");
        PodSpecRules.template(errors, "spec.template", spec.getTemplate(), Set.of(),
                request.operation() == Operation.UPDATE && request.oldObject() instanceof Deployment old && old.getSpec() != null
                        ? PodSpecRules.stored(old.getSpec().getTemplate()) : null);
        // Upstream checks deployment templates with its replica set rules, wording included.
        WorkloadRules.alwaysRestarting(errors, spec.getTemplate(), "ReplicaSet");
        strategy(errors, spec.getStrategy());
        int minReady = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
        WorkloadRules.nonNegative(errors, "spec.minReadySeconds", minReady);
        WorkloadRules.nonNegative(errors, "spec.revisionHistoryLimit", spec.getRevisionHistoryLimit());
        Integer deadline = spec.getProgressDeadlineSeconds();
        if (deadline != null) {
            WorkloadRules.nonNegative(errors, "spec.progressDeadlineSeconds", deadline);
            if (deadline <= minReady) {
                errors.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds");
            }
        }
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof Deployment old && old.getSpec() != null) {
            WorkloadRules.immutableSelector(errors, spec.getSelector(), old.getSpec().getSelector());
        }
    }

    private static void strategy(FieldErrors errors, DeploymentStrategy strategy) {
        String type = strategy == null || strategy.getType() == null ? "" : strategy.getType();
        RollingUpdateDeployment rollingUpdate = strategy == null ? null : strategy.getRollingUpdate();
        switch (type) {
            case "Recreate" -> {
                if (rollingUpdate != null) {
                    errors.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
                }
            }
            case "RollingUpdate" -> {
                if (rollingUpdate == null) {
                    errors.required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil");
                } else {
                    rollingUpdate(errors, rollingUpdate);
                }
            }
            default -> errors.notSupported("spec.strategy.type", type, List.of("Recreate", "RollingUpdate"));
        }
    }

    private static void rollingUpdate(FieldErrors errors, RollingUpdateDeployment rollingUpdate) {
        String path = "spec.strategy.rollingUpdate";
        WorkloadRules.intOrPercent(errors, path + ".maxUnavailable", rollingUpdate.getMaxUnavailable());
        WorkloadRules.intOrPercent(errors, path + ".maxSurge", rollingUpdate.getMaxSurge());
        if (WorkloadRules.amount(rollingUpdate.getMaxUnavailable()) == 0 && WorkloadRules.amount(rollingUpdate.getMaxSurge()) == 0) {
            errors.invalid(path + ".maxUnavailable", GoValue.intOrString(rollingUpdate.getMaxUnavailable()),
                    "may not be 0 when `maxSurge` is 0");
        }
        WorkloadRules.notMoreThan100Percent(errors, path + ".maxUnavailable", rollingUpdate.getMaxUnavailable());
    }
}
