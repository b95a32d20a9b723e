package dev.keel.api.table;

import static dev.keel.api.table.Fixtures.headers;
import static dev.keel.api.table.Fixtures.row;
import static dev.keel.api.table.PodBuilder.killedBy;
import static dev.keel.api.table.PodBuilder.lastFinished;
import static dev.keel.api.table.PodBuilder.pod;
import static dev.keel.api.table.PodBuilder.ready;
import static dev.keel.api.table.PodBuilder.restarts;
import static dev.keel.api.table.PodBuilder.running;
import static dev.keel.api.table.PodBuilder.started;
import static dev.keel.api.table.PodBuilder.terminated;
import static dev.keel.api.table.PodBuilder.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodColumnsTest {

    private final PodColumns columns = new PodColumns();

    @Test
    void columnsMatchKubectl() {
        assertThat(columns.kind()).isEqualTo("Pod");
        assertThat(headers(columns, 0)).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE");
        assertThat(headers(columns, 1)).containsExactly("IP", "NODE", "NOMINATED NODE", "READINESS GATES");
        assertThat(columns.columns().get(0).format()).isEqualTo("name");
        assertThat(columns.columns()).allMatch(c -> c.type().equals("string"));
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("not yet reported", pod().phase("Pending").pendingContainer("web"), "Pending"),
                Arguments.of("running and ready", pod().phase("Running").container("web", ready(true), running()), "Running"),
                Arguments.of("running, not ready", pod().phase("Running").container("web", running()), "Running"),
                Arguments.of("crash loop", pod().phase("Running")
                        .container("web", waiting("CrashLoopBackOff"), restarts(5), lastFinished("1m")), "CrashLoopBackOff"),
                Arguments.of("image pull", pod().phase("Pending").container("web", waiting("ErrImagePull")), "ErrImagePull"),
                Arguments.of("image backoff", pod().phase("Pending").container("web", waiting("ImagePullBackOff")),
                        "ImagePullBackOff"),
                Arguments.of("creating", pod().phase("Pending").container("web", waiting("ContainerCreating")),
                        "ContainerCreating"),
                Arguments.of("config error", pod().phase("Pending").container("web", waiting("CreateContainerConfigError")),
                        "CreateContainerConfigError"),
                Arguments.of("completed", pod().phase("Succeeded").container("job", terminated("Completed", 0)), "Completed"),
                Arguments.of("error", pod().phase("Failed").container("job", terminated("Error", 1)), "Error"),
                Arguments.of("oom", pod().phase("Running").container("web", terminated("OOMKilled", 137)), "OOMKilled"),
                Arguments.of("exit code without reason", pod().phase("Failed").container("job", terminated(null, 2)),
                        "ExitCode:2"),
                Arguments.of("signal without reason", pod().phase("Failed").container("job", killedBy(9)), "Signal:9"),
                Arguments.of("first listed container wins", pod().phase("Running")
                        .container("a", waiting("CrashLoopBackOff"))
                        .container("b", waiting("ErrImagePull")), "CrashLoopBackOff"),
                Arguments.of("ready container does not hide a broken one", pod().phase("Running")
                        .container("a", ready(true), running())
                        .container("b", waiting("CrashLoopBackOff")), "CrashLoopBackOff"),
                Arguments.of("completed next to running, pod ready", pod().phase("Running").condition("Ready", "True")
                        .container("once", terminated("Completed", 0))
                        .container("web", ready(true), running()), "Running"),
                Arguments.of("completed next to running, pod not ready", pod().phase("Running").condition("Ready", "False")
                        .container("once", terminated("Completed", 0))
                        .container("web", ready(true), running()), "NotReady"),
                Arguments.of("first init container running", pod().phase("Pending")
                        .initContainer("init", running())
                        .pendingContainer("web"), "Init:0/1"),
                Arguments.of("init container still PodInitializing", pod().phase("Pending")
                        .initContainer("init", waiting("PodInitializing"))
                        .pendingContainer("web"), "Init:0/1"),
                Arguments.of("second init container running", pod().phase("Pending")
                        .initContainer("a", terminated("Completed", 0))
                        .initContainer("b", running())
                        .pendingContainer("web"), "Init:1/2"),
                Arguments.of("init container failed", pod().phase("Pending")
                        .initContainer("init", terminated("Error", 1))
                        .container("web", waiting("PodInitializing")), "Init:Error"),
                Arguments.of("init container crash loop", pod().phase("Pending")
                        .initContainer("init", waiting("CrashLoopBackOff"), restarts(3))
                        .container("web", waiting("PodInitializing")), "Init:CrashLoopBackOff"),
                Arguments.of("init container image pull", pod().phase("Pending")
                        .initContainer("init", waiting("ErrImagePull"))
                        .pendingContainer("web"), "Init:ErrImagePull"),
                Arguments.of("init container exit code", pod().phase("Pending")
                        .initContainer("init", terminated(null, 3))
                        .pendingContainer("web"), "Init:ExitCode:3"),
                Arguments.of("init container signal", pod().phase("Pending")
                        .initContainer("init", killedBy(15))
                        .pendingContainer("web"), "Init:Signal:15"),
                Arguments.of("init done, app running", pod().phase("Running").condition("Initialized", "True")
                        .initContainer("init", terminated("Completed", 0))
                        .container("web", ready(true), running()), "Running"),
                Arguments.of("started sidecar lets init proceed", pod().phase("Running").condition("Initialized", "True")
                        .sidecar("proxy", started(true), ready(true), running())
                        .container("web", ready(true), running()), "Running"),
                Arguments.of("sidecar not started yet", pod().phase("Pending")
                        .sidecar("proxy", started(false), running())
                        .pendingContainer("web"), "Init:0/1"),
                Arguments.of("terminating", pod().phase("Running").deleting()
                        .container("web", ready(true), running()), "Terminating"),
                Arguments.of("deleted after success keeps its reason", pod().phase("Succeeded").deleting()
                        .container("job", terminated("Completed", 0)), "Completed"),
                Arguments.of("deleted after failure keeps its reason", pod().phase("Failed").deleting()
                        .container("job", terminated("Error", 1)), "Error"),
                Arguments.of("node lost while deleting", pod().phase("Running").reason("NodeLost").deleting()
                        .container("web", ready(true), running()), "Unknown"),
                Arguments.of("evicted", pod().phase("Failed").reason("Evicted"), "Evicted"),
                Arguments.of("scheduling gated", pod().phase("Pending")
                        .condition("PodScheduled", "False", "SchedulingGated")
                        .pendingContainer("web"), "SchedulingGated"),
                Arguments.of("unschedulable stays Pending", pod().phase("Pending")
                        .condition("PodScheduled", "False", "Unschedulable")
                        .pendingContainer("web"), "Pending"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void status(String description, PodBuilder pod, String expected) {
        assertThat(row(columns, pod.build()).get("STATUS")).isEqualTo(expected);
    }

    static Stream<Arguments> readiness() {
        return Stream.of(
                Arguments.of(pod().pendingContainer("web"), "0/1"),
                Arguments.of(pod().container("web", ready(true), running()), "1/1"),
                // ready in the status but not running (e.g. just terminated) is not counted
                Arguments.of(pod().container("web", ready(true), terminated("Completed", 0)), "0/1"),
                Arguments.of(pod().container("a", ready(true), running()).container("b", running()), "1/2"),
                // plain init containers are not counted; sidecars are
                Arguments.of(pod().condition("Initialized", "True")
                        .initContainer("init", terminated("Completed", 0))
                        .container("web", ready(true), running()), "1/1"),
                Arguments.of(pod().condition("Initialized", "True")
                        .sidecar("proxy", started(true), ready(true), running())
                        .container("web", ready(true), running()), "2/2"),
                Arguments.of(pod().sidecar("proxy", started(true), running())
                        .container("web", ready(true), running()), "1/2"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("readiness")
    void readyCounts(PodBuilder pod, String expected) {
        assertThat(row(columns, pod.build()).get("READY")).isEqualTo(expected);
    }

    static Stream<Arguments> restartCases() {
        return Stream.of(
                Arguments.of("never restarted", pod().container("web", running()), "0"),
                Arguments.of("with last restart time", pod().container("web", restarts(2), lastFinished("5m"), running()),
                        "2 (5m ago)"),
                Arguments.of("no record of the last run", pod().container("web", restarts(3), running()), "3"),
                Arguments.of("summed, newest restart shown", pod()
                        .container("a", restarts(1), lastFinished("2h"), running())
                        .container("b", restarts(2), lastFinished("90s"), running()), "3 (90s ago)"),
                Arguments.of("init container while initializing", pod()
                        .initContainer("init", restarts(4), waiting("CrashLoopBackOff"), lastFinished("30s"))
                        .pendingContainer("web"), "4 (30s ago)"),
                Arguments.of("finished init containers stop counting", pod()
                        .initContainer("init", restarts(2), lastFinished("1m"), terminated("Completed", 0))
                        .container("web", restarts(1), lastFinished("8m"), running()), "1 (8m ago)"),
                Arguments.of("sidecars keep counting", pod().condition("Initialized", "True")
                        .sidecar("proxy", started(true), restarts(2), lastFinished("3m"), running())
                        .container("web", restarts(1), lastFinished("10m"), running()), "3 (3m ago)"),
                Arguments.of("long ago", pod().container("web", restarts(7), lastFinished("50h"), running()),
                        "7 (2d2h ago)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restartCases")
    void restartCounts(String description, PodBuilder pod, String expected) {
        assertThat(row(columns, pod.build()).get("RESTARTS")).isEqualTo(expected);
    }

    @Test
    void wideColumnsShowPlacement() {
        Map<String, Object> row = row(columns, pod().phase("Running")
                .node("node-1").nominated("node-2").ips("10.1.0.7", "fd00::7")
                .readinessGate("example.com/lb").readinessGate("example.com/dns")
                .condition("example.com/lb", "True").condition("example.com/dns", "False")
                .container("web", ready(true), running())
                .build());

        assertThat(row).containsEntry("NAME", "web-0").containsEntry("AGE", "10m")
                .containsEntry("IP", "10.1.0.7").containsEntry("NODE", "node-1")
                .containsEntry("NOMINATED NODE", "node-2").containsEntry("READINESS GATES", "1/2");
    }

    @Test
    void missingPlacementIsNone() {
        Map<String, Object> row = row(columns, pod().phase("Pending").pendingContainer("web").build());

        assertThat(List.of(row.get("IP"), row.get("NODE"), row.get("NOMINATED NODE"), row.get("READINESS GATES")))
                .containsOnly("<none>");
    }

    @Test
    void singleStackPodIpIsUsedWithoutPodIps() {
        var pod = pod().phase("Running").build();
        pod.withObjectProperty("status").put("podIP", "10.1.0.9");

        assertThat(row(columns, pod).get("IP")).isEqualTo("10.1.0.9");
    }

    @Test
    void readinessGateWithoutConditionIsNotPassed() {
        var pod = pod().readinessGate("example.com/lb").build();

        assertThat(row(columns, pod).get("READINESS GATES")).isEqualTo("0/1");
    }

    @Test
    void emptyObjectDoesNotFail() {
        assertThat(row(columns, Fixtures.json("{}")))
                .containsEntry("NAME", "").containsEntry("READY", "0/0").containsEntry("STATUS", "")
                .containsEntry("RESTARTS", "0").containsEntry("AGE", "<unknown>");
    }
}
