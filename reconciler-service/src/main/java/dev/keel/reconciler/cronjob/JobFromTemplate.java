package dev.keel.reconciler.cronjob;

import dev.keel.reconciler.workload.PodTemplates;
import dev.keel.runtime.objects.Owners;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Job a CronJob starts for one scheduled time: its template's labels, annotations and spec, owned by the CronJob. */
final class JobFromTemplate {

    private JobFromTemplate() {
    }

    static Job of(CronJob cronJob, String name, String scheduledTimestamp) {
        JobTemplateSpec template = PodTemplates.copy(cronJob.getSpec().getJobTemplate());
        ObjectMeta templateMeta = template == null || template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Map<String, String> annotations = templateMeta.getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(templateMeta.getAnnotations());
        annotations.put(CronJobReconciler.SCHEDULED_TIMESTAMP, scheduledTimestamp);
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(cronJob.getMetadata().getNamespace());
        meta.setLabels(templateMeta.getLabels() == null ? null : new LinkedHashMap<>(templateMeta.getLabels()));
        meta.setAnnotations(annotations);
        meta.setOwnerReferences(List.of(Owners.controllerReference(cronJob)));
        Job job = new Job();
        job.setApiVersion("batch/v1");
        job.setKind("Job");
        job.setMetadata(meta);
        job.setSpec(template == null || template.getSpec() == null ? new JobSpec() : template.getSpec());
        return job;
    }
}
