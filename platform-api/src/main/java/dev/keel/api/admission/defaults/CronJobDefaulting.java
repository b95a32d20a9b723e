package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import org.springframework.stereotype.Component;

/**
 * batch/v1 CronJob defaults (concurrencyPolicy Allow, not suspended, 3 successful and 1 failed Jobs kept) and, in its
 * job template, what Kubernetes defaults there: the pod template's defaults and podFailurePolicy's condition status.
 * As in Kubernetes, the template's own counts (parallelism, backoffLimit ...) stay unset; each Job created from it
 * gets them when it is admitted.
 */
@Component
public class CronJobDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("CronJob") || !(request.object() instanceof CronJob cronJob)) {
            return;
        }
        if (cronJob.getSpec() == null) {
            cronJob.setSpec(new CronJobSpec());
        }
        CronJobSpec spec = cronJob.getSpec();
        if (spec.getConcurrencyPolicy() == null || spec.getConcurrencyPolicy().isEmpty()) {
            spec.setConcurrencyPolicy("Allow");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getSuccessfulJobsHistoryLimit() == null) {
            spec.setSuccessfulJobsHistoryLimit(3);
        }
        if (spec.getFailedJobsHistoryLimit() == null) {
            spec.setFailedJobsHistoryLimit(1);
        }
        if (spec.getJobTemplate() != null && spec.getJobTemplate().getSpec() != null) {
            PodSpecDefaults.template(spec.getJobTemplate().getSpec().getTemplate());
            JobDefaulting.podFailurePolicy(spec.getJobTemplate().getSpec());
        }
    }
}
