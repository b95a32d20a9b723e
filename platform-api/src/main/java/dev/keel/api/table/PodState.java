package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.hasText;
import static dev.keel.api.table.JsonFields.isTrue;
import static dev.keel.api.table.JsonFields.items;
import static dev.keel.api.table.JsonFields.number;
import static dev.keel.api.table.JsonFields.present;
import static dev.keel.api.table.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code kubectl get pods} says about a pod: ready and total containers, the one-word STATUS and the
 * restart count. STATUS follows kubectl's precedence: an unfinished init container wins over the app
 * containers, the earliest-listed app container with a waiting or terminated reason wins over later ones,
 * and a deletion timestamp overrides everything but a terminal phase.
 */
record PodState(int ready, int total, String reason, long restarts, Instant lastRestart) {

    /** The reason a node controller gives pods on a node it lost contact with. */
    private static final String NODE_LOST = "NodeLost";

    static PodState of(JsonNode pod) {
        return new Builder(pod).build();
    }

    private static final class Builder {
        private final JsonNode pod;
        private final JsonNode spec;
        private final JsonNode status;
        private final Map<String, JsonNode> initContainers = new HashMap<>();
        private final int initCount;
        private String reason;
        private int ready;
        private int total;
        private long restarts;
        private Instant lastRestart;
        private long sidecarRestarts;
        private Instant lastSidecarRestart;

        Builder(JsonNode pod) {
            this.pod = pod;
            this.spec = pod.path("spec");
            this.status = pod.path("status");
            String phase = text(status.path("phase"));
            reason = hasText(status.path("reason")) ? text(status.path("reason")) : phase;
            for (JsonNode condition : items(status.path("conditions"))) {
                if ("PodScheduled".equals(text(condition.path("type")))
                        && "SchedulingGated".equals(text(condition.path("reason")))) {
                    reason = "SchedulingGated";
                }
            }
            total = items(spec.path("containers")).size();
            List<JsonNode> inits = items(spec.path("initContainers"));
            initCount = inits.size();
            for (JsonNode container : inits) {
                initContainers.put(text(container.path("name")), container);
                if (sidecar(container)) {
                    total++;
                }
            }
        }

        PodState build() {
            boolean initializing = initContainers();
            if (!initializing || conditionTrue("Initialized")) {
                appContainers();
            }
            if (JsonFields.deleting(pod)) {
                String phase = text(status.path("phase"));
                if (NODE_LOST.equals(text(status.path("reason")))) {
                    reason = "Unknown";
                } else if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                    reason = "Terminating";
                }
            }
            return new PodState(ready, total, reason, restarts, lastRestart);
        }

        /** Walks init containers in order; returns whether one of them is still holding the pod back. */
        private boolean initContainers() {
            List<JsonNode> statuses = items(status.path("initContainerStatuses"));
            for (int i = 0; i < statuses.size(); i++) {
                JsonNode container = statuses.get(i);
                boolean sidecar = sidecar(initContainers.get(text(container.path("name"))));
                long count = number(container.path("restartCount"));
                Instant finished = lastFinished(container);
                restarts += count;
                lastRestart = later(lastRestart, finished);
                if (sidecar) {
                    sidecarRestarts += count;
                    lastSidecarRestart = later(lastSidecarRestart, finished);
                }
                JsonNode terminated = container.path("state").path("terminated");
                JsonNode waiting = container.path("state").path("waiting");
                if (present(terminated) && number(terminated.path("exitCode")) == 0) {
                    continue;
                }
                if (sidecar && isTrue(container.path("started"))) {
                    if (isTrue(container.path("ready"))) {
                        ready++;
                    }
                    continue;
                }
                if (present(terminated)) {
                    reason = "Init:" + terminationReason(terminated);
                } else if (hasText(waiting.path("reason")) && !"PodInitializing".equals(text(waiting.path("reason")))) {
                    reason = "Init:" + text(waiting.path("reason"));
                } else {
                    reason = "Init:" + i + "/" + initCount;
                }
                return true;
            }
            return false;
        }

        private void appContainers() {
            // sidecars keep counting once the pod is initialized; finished init containers do not
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean running = false;
            List<JsonNode> statuses = items(status.path("containerStatuses"));
            // backwards, so the first container listed has the last word on the reason
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode container = statuses.get(i);
                restarts += number(container.path("restartCount"));
                lastRestart = later(lastRestart, lastFinished(container));
                JsonNode state = container.path("state");
                if (hasText(state.path("waiting").path("reason"))) {
                    reason = text(state.path("waiting").path("reason"));
                } else if (present(state.path("terminated"))) {
                    reason = terminationReason(state.path("terminated"));
                } else if (isTrue(container.path("ready")) && present(state.path("running"))) {
                    running = true;
                    ready++;
                }
            }
            // one container exited cleanly while others still run: describe the pod, not the finished container
            if ("Completed".equals(reason) && running) {
                reason = conditionTrue("Ready") ? "Running" : "NotReady";
            }
        }

        private boolean conditionTrue(String type) {
            for (JsonNode condition : items(status.path("conditions"))) {
                if (type.equals(text(condition.path("type")))) {
                    return "True".equals(text(condition.path("status")));
                }
            }
            return false;
        }
    }

    private static String terminationReason(JsonNode terminated) {
        if (hasText(terminated.path("reason"))) {
            return text(terminated.path("reason"));
        }
        long signal = number(terminated.path("signal"));
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + number(terminated.path("exitCode"));
    }

    /** Init containers restart forever, like sidecars, when their own restartPolicy is Always. */
    private static boolean sidecar(JsonNode container) {
        return container != null && "Always".equals(text(container.path("restartPolicy")));
    }

    private static Instant lastFinished(JsonNode container) {
        return JsonFields.instant(container.path("lastState").path("terminated").path("finishedAt"));
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b != null && b.isAfter(a) ? b : a;
    }
}
