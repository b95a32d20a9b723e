package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import org.springframework.stereotype.Component;

/** apps/v1 DaemonSet defaults: rolling updates one node at a time without surge, 10 old revisions. */
@Component
public class DaemonSetDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("DaemonSet") || !(request.object() instanceof DaemonSet daemonSet)) {
            return;
        }
        if (daemonSet.getSpec() == null) {
            daemonSet.setSpec(new DaemonSetSpec());
        }
        DaemonSetSpec spec = daemonSet.getSpec();
        if (spec.getUpdateStrategy() == null) {
            spec.setUpdateStrategy(new DaemonSetUpdateStrategy());
        }
        DaemonSetUpdateStrategy strategy = spec.getUpdateStrategy();
        if (PodSpecDefaults.blank(strategy.getType())) {
            strategy.setType("RollingUpdate");
        }
        if (strategy.getType().equals("RollingUpdate")) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateDaemonSet());
            }
            if (strategy.getRollingUpdate().getMaxUnavailable() == null) {
                strategy.getRollingUpdate().setMaxUnavailable(new IntOrString(1));
            }
            if (strategy.getRollingUpdate().getMaxSurge() == null) {
                strategy.getRollingUpdate().setMaxSurge(new IntOrString(0));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        PodSpecDefaults.template(spec.getTemplate());
    }
}
