package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.JobLabels;
import dev.keel.api.admission.ModelTrees;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Jobs: the spec's rules ({@link JobSpecRules}: counts, completion mode, podFailurePolicy), a selector that is either generated from the job's uid or (with
 * manualSelector) the user's own, and a template whose pods end (OnFailure or Never). After creation the
 * selector, template and completion settings are fixed, except scheduling directives of a job that is
 * suspended and never started.
 */
@Component
public class JobValidation implements ValidatingAdmission {

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("Job") || !(request.object() instanceof Job job)) {
            return;
        }
        JobSpec spec = job.getSpec();
        if (spec == null) {
            errors.required("spec.template", "");
            return;
        }
        JobSpecRules.validate(errors, "spec", spec,
                request.operation() == Operation.UPDATE && request.oldObject() instanceof Job old && old.getSpec() != null
                        ? PodSpecRules.stored(old.getSpec().getTemplate()) : null);
        if (spec.getSelector() == null) {
            errors.required("spec.selector", "");
        } else {
            LabelSelectors.validate(errors, "spec.selector", spec.getSelector());
            WorkloadRules.templateMatches(errors, spec.getSelector(), spec.getTemplate());
        }
        if (!Boolean.TRUE.equals(spec.getManualSelector())) {
            generatedSelector(errors, job);
        }
        indexedHostnames(errors, job);
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof Job old && old.getSpec() != null) {
            validateUpdate(errors, old, spec);
        }
    }

    /** Without manualSelector the selector must be exactly the generated one, and the template must carry its labels. */
    private static void generatedSelector(FieldErrors errors, Job job) {
        String uid = job.getMetadata().getUid();
        if (uid == null || uid.isEmpty()) {
            errors.required("metadata.uid", "");
            return;
        }
        JobSpec spec = job.getSpec();
        PodTemplateSpec template = spec.getTemplate();
        Map<String, String> labels = template == null || template.getMetadata() == null ? Map.of()
                : template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels();
        expectLabel(errors, labels, JobLabels.CONTROLLER_UID, uid);
        expectLabel(errors, labels, JobLabels.LEGACY_CONTROLLER_UID, uid);
        expectLabel(errors, labels, JobLabels.JOB_NAME, job.getMetadata().getName());
        expectLabel(errors, labels, JobLabels.LEGACY_JOB_NAME, job.getMetadata().getName());
        if (spec.getSelector() != null) {
            boolean generated = (spec.getSelector().getMatchExpressions() == null || spec.getSelector().getMatchExpressions().isEmpty())
                    && Map.of(JobLabels.CONTROLLER_UID, uid).equals(spec.getSelector().getMatchLabels());
            if (!generated) {
                errors.invalid("spec.selector", GoValue.labelSelector(spec.getSelector()), "`selector` not auto-generated");
            }
        }
    }

    private static void expectLabel(FieldErrors errors, Map<String, String> labels, String key, String expected) {
        String actual = labels.get(key);
        if (actual != null && !actual.equals(expected)) {
            errors.invalid("spec.template.metadata.labels[" + key + "]", actual, "must be '" + expected + "'");
        } else if (actual == null) {
            errors.required("spec.template.metadata.labels[" + key + "]", "must be '" + expected + "'");
        }
    }

    /** An Indexed job's pods take {@code <job>-<index>} as hostname, which must stay a DNS label. */
    private static void indexedHostnames(FieldErrors errors, Job job) {
        JobSpec spec = job.getSpec();
        String name = job.getMetadata().getName();
        if ("Indexed".equals(spec.getCompletionMode()) && spec.getCompletions() != null && spec.getCompletions() > 0 && name != null) {
            String hostname = name + "-" + (spec.getCompletions() - 1);
            if (!NameRules.dns1123Label(hostname).isEmpty()) {
                errors.invalid("metadata.name", name, "will not able to create pod with invalid DNS label: " + hostname);
            }
        }
    }

    private static void validateUpdate(FieldErrors errors, Job old, JobSpec spec) {
        JobSpec oldSpec = old.getSpec();
        WorkloadRules.immutableSelector(errors, spec.getSelector(), oldSpec.getSelector());
        if (!Objects.equals(spec.getCompletionMode(), oldSpec.getCompletionMode())) {
            errors.invalid("spec.completionMode", spec.getCompletionMode(), "field is immutable");
        }
        boolean elastic = "Indexed".equals(spec.getCompletionMode()) && Objects.equals(spec.getCompletions(), spec.getParallelism())
                && Objects.equals(oldSpec.getCompletions(), oldSpec.getParallelism());
        if (!elastic && !Objects.equals(spec.getCompletions(), oldSpec.getCompletions())) {
            errors.invalid("spec.completions", spec.getCompletions(), "field is immutable");
        }
        if (!ModelTrees.tree(spec.getPodFailurePolicy()).equals(ModelTrees.tree(oldSpec.getPodFailurePolicy()))) {
            errors.immutable("spec.podFailurePolicy");
        }
        if (!Objects.equals(spec.getManagedBy(), oldSpec.getManagedBy())) {
            errors.invalid("spec.managedBy", spec.getManagedBy(), "field is immutable");
        }
        PodTemplateSpec template = ModelTrees.copy(spec.getTemplate());
        PodTemplateSpec oldTemplate = oldSpec.getTemplate();
        boolean suspendedAndNeverStarted = Boolean.TRUE.equals(oldSpec.getSuspend())
                && (old.getStatus() == null || old.getStatus().getStartTime() == null);
        if (suspendedAndNeverStarted && template != null && oldTemplate != null) {
            allowSchedulingChanges(template, oldTemplate);
        }
        if (!ModelTrees.tree(template).equals(ModelTrees.tree(oldTemplate))) {
            errors.immutable("spec.template");
        }
    }

    /** A job that never ran may still be pointed at other nodes: copy those fields so they compare equal. */
    private static void allowSchedulingChanges(PodTemplateSpec template, PodTemplateSpec old) {
        if (template.getSpec() != null && old.getSpec() != null) {
            template.getSpec().setNodeSelector(old.getSpec().getNodeSelector());
            template.getSpec().setAffinity(old.getSpec().getAffinity());
            template.getSpec().setTolerations(old.getSpec().getTolerations());
            template.getSpec().setSchedulingGates(old.getSpec().getSchedulingGates());
        }
        if (template.getMetadata() != null && old.getMetadata() != null) {
            template.getMetadata().setLabels(old.getMetadata().getLabels());
            template.getMetadata().setAnnotations(old.getMetadata().getAnnotations());
        }
    }
}
