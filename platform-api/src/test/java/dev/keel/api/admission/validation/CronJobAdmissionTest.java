package dev.keel.api.admission.validation;

import static dev.keel.api.admission.Json.assertAbsent;
import static dev.keel.api.admission.Json.assertAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronJobAdmissionTest {

    private static CronJob cronJob(String name, String specYaml) {
        return Serialization.unmarshal("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: %s, namespace: default, uid: 7f1c2d3e-0000-4000-8000-000000000001}
                spec:
                %s
                """.formatted(name, specYaml.indent(2)), CronJob.class);
    }

    private static CronJob valid(String schedule) {
        return cronJob("backup", """
                schedule: "%s"
                jobTemplate:
                  spec:
                    template:
                      spec:
                        restartPolicy: OnFailure
                        containers: [{name: main, image: localhost:5000/busybox:1.35}]
                """.formatted(schedule));
    }

    @Test
    void defaultsAsKubernetes() {
        CronJob cronJob = valid("*/1 * * * *");
        assertThat(Plugins.admit(Requests.create(cronJob))).isEmpty();
        assertAt(cronJob, "/spec/concurrencyPolicy", "Allow");
        assertAt(cronJob, "/spec/suspend", false);
        assertAt(cronJob, "/spec/successfulJobsHistoryLimit", 3);
        assertAt(cronJob, "/spec/failedJobsHistoryLimit", 1);
        assertAt(cronJob, "/spec/jobTemplate/spec/template/spec/terminationGracePeriodSeconds", 30);
        assertAt(cronJob, "/spec/jobTemplate/spec/template/spec/dnsPolicy", "ClusterFirst");
        // Kubernetes leaves the template's counts to each Job it creates.
        assertAbsent(cronJob, "/spec/jobTemplate/spec/backoffLimit");
        assertAbsent(cronJob, "/spec/jobTemplate/spec/selector");
    }

    @Test
    void refusesABadScheduleWithRobfigsMessage() {
        assertThat(Plugins.admit(Requests.create(valid("61 * * * *"))))
                .containsExactly("spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61");
        assertThat(Plugins.admit(Requests.create(valid("every minute"))))
                .containsExactly("spec.schedule: Invalid value: \"every minute\": expected exactly 5 fields, found 2: [every minute]");
    }

    @Test
    void refusesTzInTheSchedule() {
        assertThat(Plugins.admit(Requests.create(valid("CRON_TZ=UTC 0 * * * *")))).containsExactly(
                "spec.schedule: Invalid value: \"CRON_TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
    }

    @Test
    void timeZoneMustBeAKnownIanaZone() {
        CronJob unknown = valid("0 * * * *");
        unknown.getSpec().setTimeZone("Mars/Olympus_Mons");
        assertThat(Plugins.admit(Requests.create(unknown)))
                .containsExactly("spec.timeZone: Invalid value: \"Mars/Olympus_Mons\": unknown time zone Mars/Olympus_Mons");
        CronJob offset = valid("0 * * * *");
        offset.getSpec().setTimeZone("+02:00");
        assertThat(Plugins.admit(Requests.create(offset)))
                .containsExactly("spec.timeZone: Invalid value: \"+02:00\": unknown time zone +02:00");
        CronJob local = valid("0 * * * *");
        local.getSpec().setTimeZone("Local");
        assertThat(Plugins.admit(Requests.create(local))).containsExactly(
                "spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
        CronJob berlin = valid("0 * * * *");
        berlin.getSpec().setTimeZone("Europe/Berlin");
        assertThat(Plugins.admit(Requests.create(berlin))).isEmpty();
    }

    @Test
    void namesAreAtMost52CharactersOnCreate() {
        CronJob cronJob = valid("0 * * * *");
        String name = "a".repeat(53);
        cronJob.getMetadata().setName(name);
        assertThat(Plugins.admit(Requests.create(cronJob)))
                .containsExactly("metadata.name: Invalid value: \"" + name + "\": must be no more than 52 characters");
        CronJob old = valid("0 * * * *");
        old.getMetadata().setName(name);
        CronJob updated = valid("5 * * * *");
        updated.getMetadata().setName(name);
        Plugins.defaulted(Requests.create(old));
        assertThat(Plugins.admit(Requests.update(updated, old))).isEmpty();
    }

    @Test
    void validatesTheJobTemplateAsAJobSpec() {
        CronJob cronJob = cronJob("report", """
                schedule: "@daily"
                concurrencyPolicy: Sometimes
                startingDeadlineSeconds: -1
                successfulJobsHistoryLimit: -1
                jobTemplate:
                  spec:
                    manualSelector: true
                    selector: {matchLabels: {app: report}}
                    completionMode: Indexed
                    template:
                      metadata: {labels: {app: report}}
                      spec:
                        restartPolicy: Always
                        containers: [{name: main, image: busybox}]
                """);
        List<String> errors = Plugins.admit(Requests.create(cronJob));
        assertThat(errors).containsExactlyInAnyOrder(
                "spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
                "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"",
                "spec.jobTemplate.spec.completions: Required value: when completion mode is Indexed",
                "spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"",
                "spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"report\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated",
                "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\"",
                "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0");
    }

    @Test
    void requiresASchedule() {
        assertThat(Plugins.admit(Requests.create(valid("")))).containsExactly("spec.schedule: Required value");
    }
}
