package dev.keel.api.table;

import static dev.keel.api.table.Fixtures.ago;
import static dev.keel.api.table.Fixtures.headers;
import static dev.keel.api.table.Fixtures.json;
import static dev.keel.api.table.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deployment, ReplicaSet, StatefulSet, DaemonSet and Job. */
class WorkloadColumnsTest {

    private static final String TEMPLATE = """
            template:{metadata:{labels:{app:'web'}},
                      spec:{containers:[{name:'web',image:'nginx:1.27'},{name:'log',image:'busybox'}]}}""";

    @Test
    void deployment() {
        DeploymentColumns columns = new DeploymentColumns();
        ObjectNode deployment = workload("Deployment", "replicas:3, selector:{matchLabels:{app:'web'}}",
                "replicas:3, updatedReplicas:2, readyReplicas:1, availableReplicas:1");

        assertThat(headers(columns, 0)).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
        assertThat(headers(columns, 1)).containsExactly("CONTAINERS", "IMAGES", "SELECTOR");
        assertThat(row(columns, deployment).values()).containsExactly(
                "web", "1/3", 2L, 1L, "5d", "web,log", "nginx:1.27,busybox", "app=web");
    }

    @Test
    void deploymentDefaultsAndEmptySelector() {
        ObjectNode deployment = workload("Deployment", "selector:{}", "{}");
        deployment.withObjectProperty("spec").remove("replicas");

        Map<String, Object> row = row(new DeploymentColumns(), deployment);

        // replicas defaults to 1; an empty selector prints blank, not <none>, for deployments
        assertThat(row).containsEntry("READY", "0/1").containsEntry("UP-TO-DATE", 0L).containsEntry("SELECTOR", "");
    }

    @Test
    void deploymentWithInvalidSelector() {
        ObjectNode deployment = workload("Deployment",
                "selector:{matchExpressions:[{key:'app',operator:'Near',values:['x']}]}", "{}");

        assertThat(row(new DeploymentColumns(), deployment).get("SELECTOR")).isEqualTo("<invalid>");
    }

    @Test
    void replicaSet() {
        ReplicaSetColumns columns = new ReplicaSetColumns();
        ObjectNode replicaSet = workload("ReplicaSet",
                "replicas:3, selector:{matchLabels:{app:'web','pod-template-hash':'5d9c'}}",
                "replicas:3, readyReplicas:2");

        assertThat(headers(columns, 0)).containsExactly("NAME", "DESIRED", "CURRENT", "READY", "AGE");
        assertThat(headers(columns, 1)).containsExactly("CONTAINERS", "IMAGES", "SELECTOR");
        assertThat(columns.columns().subList(1, 4)).allMatch(c -> c.type().equals("integer"));
        assertThat(row(columns, replicaSet).values()).containsExactly(
                "web", 3L, 3L, 2L, "5d", "web,log", "nginx:1.27,busybox", "app=web,pod-template-hash=5d9c");
    }

    @Test
    void replicaSetScaledToZero() {
        ObjectNode replicaSet = workload("ReplicaSet", "replicas:0, selector:{matchLabels:{app:'web'}}", "replicas:0");

        assertThat(row(new ReplicaSetColumns(), replicaSet))
                .containsEntry("DESIRED", 0L).containsEntry("CURRENT", 0L).containsEntry("READY", 0L);
    }

    @Test
    void statefulSet() {
        StatefulSetColumns columns = new StatefulSetColumns();
        ObjectNode statefulSet = workload("StatefulSet", "replicas:3, serviceName:'web', selector:{matchLabels:{app:'web'}}",
                "replicas:3, readyReplicas:3");

        assertThat(headers(columns, 0)).containsExactly("NAME", "READY", "AGE");
        assertThat(headers(columns, 1)).containsExactly("CONTAINERS", "IMAGES");
        assertThat(row(columns, statefulSet).values()).containsExactly("web", "3/3", "5d", "web,log", "nginx:1.27,busybox");
    }

    @Test
    void daemonSet() {
        DaemonSetColumns columns = new DaemonSetColumns();
        ObjectNode daemonSet = workload("DaemonSet", "selector:{matchLabels:{app:'web'}}", """
                desiredNumberScheduled:4, currentNumberScheduled:4, numberReady:3,
                updatedNumberScheduled:2, numberAvailable:3""");
        daemonSet.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("spec")
                .set("nodeSelector", json("{'kubernetes.io/os':'linux', disk:'ssd'}"));

        assertThat(headers(columns, 0)).containsExactly(
                "NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE");
        assertThat(headers(columns, 1)).containsExactly("CONTAINERS", "IMAGES", "SELECTOR");
        assertThat(row(columns, daemonSet).values()).containsExactly(
                "web", 4L, 4L, 3L, 2L, 3L, "disk=ssd,kubernetes.io/os=linux", "5d", "web,log", "nginx:1.27,busybox", "app=web");
    }

    @Test
    void daemonSetWithoutNodeSelectorOrStatus() {
        Map<String, Object> row = row(new DaemonSetColumns(), workload("DaemonSet", "selector:{matchLabels:{app:'web'}}", "{}"));

        assertThat(row).containsEntry("NODE SELECTOR", "<none>").containsEntry("DESIRED", 0L);
    }

    @Test
    void jobColumns() {
        JobColumns columns = new JobColumns();

        assertThat(headers(columns, 0)).containsExactly("NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE");
        assertThat(headers(columns, 1)).containsExactly("CONTAINERS", "IMAGES", "SELECTOR");
        assertThat(row(columns, job("completions:1, parallelism:1", "{}")))
                .containsEntry("CONTAINERS", "web,log").containsEntry("SELECTOR", "batch.kubernetes.io/controller-uid=abc");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no conditions           | []                                                                       | false | Running
            complete                | [{type:'Complete',status:'True'}]                                        | false | Complete
            complete wins over del  | [{type:'SuccessCriteriaMet',status:'True'},{type:'Complete',status:'True'}] | true | Complete
            failed                  | [{type:'Failed',status:'True'}]                                          | false | Failed
            failed while deleting   | [{type:'Failed',status:'True'}]                                          | true  | Failed
            terminating             | []                                                                       | true  | Terminating
            terminating beats suspend | [{type:'Suspended',status:'True'}]                                     | true  | Terminating
            suspended               | [{type:'Suspended',status:'True'}]                                       | false | Suspended
            resumed                 | [{type:'Suspended',status:'False'}]                                      | false | Running
            failure target          | [{type:'FailureTarget',status:'True'}]                                   | false | FailureTarget
            false complete          | [{type:'Complete',status:'False'}]                                       | false | Running
            """)
    void jobStatus(String description, String conditions, boolean deleting, String expected) {
        ObjectNode job = job("completions:1", "{}");
        job.withObjectProperty("status").set("conditions", json("{c:" + conditions + "}").get("c"));
        if (deleting) {
            job.withObjectProperty("metadata").put("deletionTimestamp", ago("1s"));
        }

        assertThat(row(new JobColumns(), job).get("STATUS")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            completions:5, parallelism:2 | 3/5
            completions:1                | 3/1
            parallelism:1                | 3/1
            parallelism:4                | 3/1 of 4
            {}                           | 3/1
            """)
    void jobCompletions(String spec, String expected) {
        ObjectNode job = job(spec.equals("{}") ? "" : spec, "succeeded:3");

        assertThat(row(new JobColumns(), job).get("COMPLETIONS")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            null | null | ''
            4h   | null | 4h
            2h   | null | 120m
            90m  | 88m  | 2m
            10m  | 9m3s | 57s
            """)
    void jobDuration(String startedAgo, String completedAgo, String expected) {
        ObjectNode job = job("completions:1", "{}");
        if (startedAgo != null) {
            job.withObjectProperty("status").put("startTime", ago(startedAgo));
        }
        if (completedAgo != null) {
            job.withObjectProperty("status").put("completionTime", ago(completedAgo));
        }

        assertThat(row(new JobColumns(), job).get("DURATION")).isEqualTo(expected);
    }

    private static ObjectNode job(String spec, String status) {
        return workload("Job", spec + (spec.isEmpty() ? "" : ", ")
                + "selector:{matchLabels:{'batch.kubernetes.io/controller-uid':'abc'}}", status);
    }

    /** A workload named web, five days old, with the two-container template above. */
    private static ObjectNode workload(String kind, String spec, String status) {
        ObjectNode object = json("{kind:'" + kind + "', metadata:{name:'web', namespace:'default'}, spec:{"
                + spec + (spec.isEmpty() ? "" : ", ") + TEMPLATE + "}}");
        object.withObjectProperty("metadata").put("creationTimestamp", ago("120h"));
        object.set("status", json(status.startsWith("{") ? status : "{" + status + "}"));
        return object;
    }
}
