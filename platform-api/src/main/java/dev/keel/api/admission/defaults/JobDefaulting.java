package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.JobLabels;
import dev.keel.api.admission.MutatingAdmission;
import dev.keel.api.admission.Operation;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * batch/v1 Job defaults (one pod at a time, 6 retries, NonIndexed, not suspended) and, on create without
 * manualSelector, the selector on the job's uid plus the matching template labels.
 */
@Component
public class JobDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("Job") || !(request.object() instanceof Job job)) {
            return;
        }
        if (job.getSpec() == null) {
            job.setSpec(new JobSpec());
        }
        JobSpec spec = job.getSpec();
        if (spec.getCompletions() == null && spec.getParallelism() == null) {
            spec.setCompletions(1);
        }
        if (spec.getParallelism() == null) {
            spec.setParallelism(1);
        }
        if (spec.getBackoffLimit() == null) {
            spec.setBackoffLimit(spec.getBackoffLimitPerIndex() != null ? Integer.MAX_VALUE : 6);
        }
        if (spec.getCompletionMode() == null) {
            spec.setCompletionMode("NonIndexed");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getPodReplacementPolicy() == null) {
            spec.setPodReplacementPolicy(spec.getPodFailurePolicy() != null ? "Failed" : "TerminatingOrFailed");
        }
        if (spec.getManualSelector() == null) {
            spec.setManualSelector(false);
        }
        podFailurePolicy(spec);
        PodSpecDefaults.template(spec.getTemplate());
        if (request.operation() == Operation.CREATE && request.subresource() == null && !spec.getManualSelector()) {
            generateSelector(job);
        } else {
            labelsFromTemplate(job);
        }
    }

    /** A podFailurePolicy condition pattern without status matches the condition True. */
    static void podFailurePolicy(JobSpec spec) {
        if (spec.getPodFailurePolicy() == null || spec.getPodFailurePolicy().getRules() == null) {
            return;
        }
        for (PodFailurePolicyRule rule : spec.getPodFailurePolicy().getRules()) {
            if (rule != null && rule.getOnPodConditions() != null) {
                rule.getOnPodConditions().stream()
                        .filter(pattern -> pattern != null && (pattern.getStatus() == null || pattern.getStatus().isEmpty()))
                        .forEach(pattern -> pattern.setStatus("True"));
            }
        }
    }

    /** An unlabelled job takes its template's labels, as upstream's defaulting does on every write. */
    private static void labelsFromTemplate(Job job) {
        PodTemplateSpec template = job.getSpec().getTemplate();
        Map<String, String> templateLabels = template == null || template.getMetadata() == null ? null
                : template.getMetadata().getLabels();
        Map<String, String> jobLabels = job.getMetadata().getLabels();
        if (templateLabels != null && !templateLabels.isEmpty() && (jobLabels == null || jobLabels.isEmpty())) {
            job.getMetadata().setLabels(new LinkedHashMap<>(templateLabels));
        }
    }

    private static void generateSelector(Job job) {
        JobSpec spec = job.getSpec();
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        if (spec.getTemplate().getMetadata() == null) {
            spec.getTemplate().setMetadata(new ObjectMeta());
        }
        ObjectMeta templateMeta = spec.getTemplate().getMetadata();
        Map<String, String> templateLabels = templateMeta.getLabels() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(templateMeta.getLabels());
        // Upstream's defaulting shares the template's label map with an unlabelled job, so such a job ends up
        // with the generated labels too; one whose template had no labels gets none.
        Map<String, String> jobLabels = job.getMetadata().getLabels();
        boolean shareLabels = !templateLabels.isEmpty() && (jobLabels == null || jobLabels.isEmpty());
        String name = job.getMetadata().getName();
        String uid = job.getMetadata().getUid();
        templateLabels.putIfAbsent(JobLabels.LEGACY_JOB_NAME, name);
        templateLabels.putIfAbsent(JobLabels.JOB_NAME, name);
        templateLabels.putIfAbsent(JobLabels.LEGACY_CONTROLLER_UID, uid);
        templateLabels.putIfAbsent(JobLabels.CONTROLLER_UID, uid);
        templateMeta.setLabels(templateLabels);
        if (shareLabels) {
            job.getMetadata().setLabels(new LinkedHashMap<>(templateLabels));
        }
        if (spec.getSelector() == null) {
            spec.setSelector(new LabelSelector());
        }
        Map<String, String> matchLabels = spec.getSelector().getMatchLabels() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(spec.getSelector().getMatchLabels());
        matchLabels.putIfAbsent(JobLabels.CONTROLLER_UID, uid);
        spec.getSelector().setMatchLabels(matchLabels);
    }
}
