package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** batch/v1 CronJobs and the newer Job fields over the wire: kubectl's verbs, and bad input refused with nothing stored. */
class BatchApiTest extends ApiServerTest {

    private String namespace;

    @BeforeEach
    void namespace() {
        namespace = createNamespace("batch");
    }

    private String cronJobs() {
        return "/apis/batch/v1/namespaces/" + namespace + "/cronjobs";
    }

    private String jobs() {
        return "/apis/batch/v1/namespaces/" + namespace + "/jobs";
    }

    private static String cronJob(String name, String schedule, String timeZone) {
        return """
                {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"%s"},
                 "spec":{"schedule":"%s",%s"jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",
                 "containers":[{"name":"main","image":"localhost:5000/busybox:1.35"}]}}}}}}
                """.formatted(name, schedule, timeZone == null ? "" : "\"timeZone\":\"" + timeZone + "\",");
    }

    private static String job(String name, String specExtra, String restartPolicy) {
        return """
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"%s"},
                 "spec":{%s"template":{"spec":{"restartPolicy":"%s",
                 "containers":[{"name":"main","image":"localhost:5000/busybox:1.35"}]}}}}
                """.formatted(name, specExtra, restartPolicy);
    }

    private void assertInvalid(Response response, String kind, String name, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().path("kind").asText()).isEqualTo("Status");
        assertThat(response.json().path("reason").asText()).isEqualTo("Invalid");
        assertThat(response.json().path("message").asText()).isEqualTo(kind + ".batch \"" + name + "\" is invalid: " + message);
    }

    @Test
    void aCronJobIsServedWithItsDefaultsAndStatus() {
        Response created = api().post(cronJobs(), cronJob("tick", "*/1 * * * *", "Europe/Berlin"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("spec").path("concurrencyPolicy").asText()).isEqualTo("Allow");
        assertThat(created.json().path("spec").path("successfulJobsHistoryLimit").asInt()).isEqualTo(3);
        Response status = api().put(cronJobs() + "/tick/status", created.json().toString()
                .replace("\"spec\":", "\"status\":{\"lastScheduleTime\":\"2026-12-07T10:00:00Z\"},\"spec\":"));
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(api().get(cronJobs() + "/tick").json().path("status").path("lastScheduleTime").asText())
                .isEqualTo("2026-12-07T10:00:00Z");
    }

    @Test
    void anInvalidScheduleIsRefusedWithKubernetesMessageAndNothingStored() {
        assertInvalid(api().post(cronJobs(), cronJob("bad", "61 * * * *", null)), "CronJob", "bad",
                "spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61");
        assertThat(api().get(cronJobs() + "/bad").status()).isEqualTo(404);
    }

    @Test
    void anUnknownTimeZoneIsRefusedAndNothingStored() {
        assertInvalid(api().post(cronJobs(), cronJob("bad", "0 * * * *", "Mars/Olympus")), "CronJob", "bad",
                "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus");
        assertThat(api().get(cronJobs() + "/bad").status()).isEqualTo(404);
    }

    @Test
    void aPodFailurePolicyWithRestartPolicyOnFailureIsRefused() {
        assertInvalid(api().post(jobs(), job("bad", "\"podFailurePolicy\":{\"rules\":[{\"action\":\"FailJob\","
                        + "\"onExitCodes\":{\"operator\":\"In\",\"values\":[42]}}]},", "OnFailure")), "Job", "bad",
                "spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified");
        assertThat(api().get(jobs() + "/bad").status()).isEqualTo(404);
    }

    @Test
    void anIndexedJobWithoutCompletionsIsRefused() {
        assertInvalid(api().post(jobs(), job("bad", "\"completionMode\":\"Indexed\",\"parallelism\":2,", "Never")), "Job", "bad",
                "spec.completions: Required value: when completion mode is Indexed");
        assertThat(api().get(jobs() + "/bad").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.33", "1.27"})
    void kubectlCreatesGetsAndExplainsCronJobs(String version) {
        Kubectl kubectl = new Kubectl(version, kubeconfig());
        Kubectl.Result created = kubectl.run("create", "cronjob", "tick", "--image=localhost:5000/busybox:1.35",
                "--schedule=*/1 * * * *", "-n", namespace, "--", "echo", "hi");
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("cronjob.batch/tick created");

        Kubectl.Result listed = kubectl.run("get", "cj", "-n", namespace, "-o", "wide");
        assertThat(listed.exitCode()).as(listed.all()).isZero();
        assertThat(listed.out()).containsPattern("NAME\\s+SCHEDULE\\s+TIMEZONE\\s+SUSPEND\\s+ACTIVE\\s+LAST SCHEDULE\\s+AGE\\s+CONTAINERS\\s+IMAGES\\s+SELECTOR");
        assertThat(listed.out()).containsPattern("tick\\s+\\*/1 \\* \\* \\* \\*\\s+<none>\\s+False\\s+0\\s+<none>\\s+\\S+\\s+tick\\s+localhost:5000/busybox:1.35\\s+<none>");

        Kubectl.Result job = kubectl.run("create", "job", "tick-now", "--from=cronjob/tick", "-n", namespace);
        assertThat(job.exitCode()).as(job.all()).isZero();
        assertThat(job.out()).contains("job.batch/tick-now created");

        Kubectl.Result refused = kubectl.run("create", "cronjob", "bad", "--image=busybox", "--schedule=61 * * * *", "-n", namespace);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61");

        Kubectl.Result explained = kubectl.run("explain", "cronjob.spec");
        assertThat(explained.exitCode()).as(explained.all()).isZero();
        assertThat(explained.out()).contains("KIND:       CronJob").containsPattern("(?m)^\\s+schedule\\s+<string>");
    }
}
