package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import org.springframework.stereotype.Component;

/** apps/v1 Deployment defaults: 1 replica, rolling updates of 25%/25%, 10 old revisions, 600s progress deadline. */
@Component
public class DeploymentDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("Deployment") || !(request.object() instanceof Deployment deployment)) {
            return;
        }
        if (deployment.getSpec() == null) {
            deployment.setSpec(new DeploymentSpec());
        }
        DeploymentSpec spec = deployment.getSpec();
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getStrategy() == null) {
            spec.setStrategy(new DeploymentStrategy());
        }
        DeploymentStrategy strategy = spec.getStrategy();
        if (PodSpecDefaults.blank(strategy.getType())) {
            strategy.setType("RollingUpdate");
        }
        if (strategy.getType().equals("RollingUpdate")) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateDeployment());
            }
            if (strategy.getRollingUpdate().getMaxUnavailable() == null) {
                strategy.getRollingUpdate().setMaxUnavailable(new IntOrString("25%"));
            }
            if (strategy.getRollingUpdate().getMaxSurge() == null) {
                strategy.getRollingUpdate().setMaxSurge(new IntOrString("25%"));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        if (spec.getProgressDeadlineSeconds() == null) {
            spec.setProgressDeadlineSeconds(600);
        }
        PodSpecDefaults.template(spec.getTemplate());
    }
}
