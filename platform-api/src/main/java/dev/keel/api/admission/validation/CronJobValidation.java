package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * CronJobs as Kubernetes validates them: a schedule robfig/cron parses (without TZ=, which belongs in timeZone), a
 * known IANA timeZone, a concurrencyPolicy, non-negative limits, a job template valid as a Job's spec (its selector is
 * generated per Job), and on create a name of at most 52 characters (the Jobs it creates append 11).
 */
@Component
public class CronJobValidation implements ValidatingAdmission {

    static final int MAX_NAME_LENGTH = 52;
    private static final List<String> CONCURRENCY_POLICIES = List.of("Allow", "Forbid", "Replace");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("CronJob") || !(request.object() instanceof CronJob cronJob)) {
            return;
        }
        CronJobSpec spec = cronJob.getSpec() == null ? new CronJobSpec() : cronJob.getSpec();
        CronJobSpec oldSpec = request.operation() == Operation.UPDATE && request.oldObject() instanceof CronJob old
                ? old.getSpec() : null;
        schedule(errors, spec, oldSpec);
        WorkloadRules.nonNegative(errors, "spec.startingDeadlineSeconds", spec.getStartingDeadlineSeconds());
        if (oldSpec == null || !Objects.equals(oldSpec.getTimeZone(), spec.getTimeZone())) {
            timeZone(errors, spec.getTimeZone());
        }
        String policy = spec.getConcurrencyPolicy();
        if (policy == null || policy.isEmpty()) {
            errors.required("spec.concurrencyPolicy", "");
        } else if (!CONCURRENCY_POLICIES.contains(policy)) {
            errors.notSupported("spec.concurrencyPolicy", policy, CONCURRENCY_POLICIES);
        }
        jobTemplate(errors, spec, oldSpec);
        WorkloadRules.nonNegative(errors, "spec.successfulJobsHistoryLimit", spec.getSuccessfulJobsHistoryLimit());
        WorkloadRules.nonNegative(errors, "spec.failedJobsHistoryLimit", spec.getFailedJobsHistoryLimit());
        String name = cronJob.getMetadata().getName();
        if (request.operation() == Operation.CREATE && name != null && name.length() > MAX_NAME_LENGTH) {
            errors.invalid("metadata.name", name, "must be no more than " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void schedule(FieldErrors errors, CronJobSpec spec, CronJobSpec oldSpec) {
        String schedule = spec.getSchedule();
        if (schedule == null || schedule.isEmpty()) {
            errors.required("spec.schedule", "");
            return;
        }
        CronSchedules.problem(schedule).ifPresent(problem -> errors.invalid("spec.schedule", schedule, problem));
        // A CronJob stored before timeZone existed may keep its TZ= while it is edited.
        boolean allowTzInSchedule = oldSpec != null && oldSpec.getSchedule() != null && oldSpec.getSchedule().contains("TZ");
        if (allowTzInSchedule && schedule.contains("TZ") && spec.getTimeZone() != null) {
            errors.invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule");
        } else if (!allowTzInSchedule && schedule.contains("TZ")) {
            errors.invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        }
    }

    private static void timeZone(FieldErrors errors, String timeZone) {
        if (timeZone == null) {
            return;
        }
        if (timeZone.isEmpty()) {
            errors.invalid("spec.timeZone", timeZone, "timeZone must be nil or non-empty string");
            return;
        }
        if (timeZone.equalsIgnoreCase("Local")) {
            errors.invalid("spec.timeZone", timeZone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
        }
        TimeZones.problem(timeZone).ifPresent(problem -> errors.invalid("spec.timeZone", timeZone, problem));
    }

    private static void jobTemplate(FieldErrors errors, CronJobSpec spec, CronJobSpec oldSpec) {
        JobSpec jobSpec = spec.getJobTemplate() == null || spec.getJobTemplate().getSpec() == null ? new JobSpec()
                : spec.getJobTemplate().getSpec();
        JobSpecRules.validate(errors, "spec.jobTemplate.spec", jobSpec, oldSpec == null ? null
                : PodSpecRules.stored(oldSpec.getJobTemplate() == null || oldSpec.getJobTemplate().getSpec() == null ? null
                        : oldSpec.getJobTemplate().getSpec().getTemplate()));
        if (jobSpec.getSelector() != null) {
            errors.invalid("spec.jobTemplate.spec.selector", GoValue.labelSelector(jobSpec.getSelector()), "`selector` will be auto-generated");
        }
        if (Boolean.TRUE.equals(jobSpec.getManualSelector())) {
            errors.notSupported("spec.jobTemplate.spec.manualSelector", true, List.of("nil", "false"));
        }
    }
}
