package dev.keel.reconciler.testing;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the scheduler and a node agent in controller tests: every pod of the watched namespace is bound to
 * one Node object, then marked Running and Ready after {@code startDelay}; pods being deleted are removed for good
 * after {@code stopDelay}, as a kubelet does once their containers stop. Pods matched by {@code neverReady} run but
 * never turn Ready. The node heartbeats every second through its Lease in kube-node-lease, as a kubelet does.
 */
public final class SimulatedKubelet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedKubelet.class);
    private static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final Duration HEARTBEAT_PERIOD = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final String namespace;
    private final String nodeName;
    private final Duration startDelay;
    private final Duration stopDelay;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    /** Its own thread, so slow pod handling never delays a heartbeat past the grace period. */
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private final Set<String> deleting = ConcurrentHashMap.newKeySet();
    private volatile Predicate<Pod> neverReady = pod -> false;
    private volatile Function<Pod, Integer> exitCode = pod -> null;
    private volatile Duration runFor = Duration.ofMillis(500);
    private final Watch watch;
    private volatile boolean heartbeating = true;
    private final List<String> nodes = new CopyOnWriteArrayList<>();

    public SimulatedKubelet(KubernetesClient client, String namespace, String nodeName, Duration startDelay, Duration stopDelay) {
        this.client = client;
        this.namespace = namespace;
        this.nodeName = nodeName;
        this.startDelay = startDelay;
        this.stopDelay = stopDelay;
        ensureNode();
        nodes.add(nodeName);
        heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, HEARTBEAT_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        // List, then watch from the list's revision: a pod created while the watch connects is not missed.
        PodList existing = client.pods().inNamespace(namespace).list();
        ListOptions fromList = new ListOptionsBuilder().withResourceVersion(existing.getMetadata().getResourceVersion()).build();
        this.watch = client.pods().inNamespace(namespace).watch(fromList, new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.ADDED || action == Action.MODIFIED) {
                    handle(pod);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        existing.getItems().forEach(this::handle);
    }

    /**
     * Pods for which {@code code} answers a number exit with it {@code runFor} after they start (null: they run on), as
     * a Job's pods do.
     */
    public void exits(Function<Pod, Integer> code, Duration runFor) {
        this.exitCode = code;
        this.runFor = runFor;
    }

    /** Pods matching {@code predicate} start but never become Ready (a failing readiness probe). */
    public void neverReady(Predicate<Pod> predicate) {
        this.neverReady = predicate;
    }

    /**
     * Flips a running pod's Ready and ContainersReady conditions (a readiness probe starting to fail or to pass);
     * a pod not yet started keeps its start delay, and starts with the readiness it had before.
     */
    public void setReady(String podName, boolean ready) {
        String now = Instant.now().toString();
        client.pods().inNamespace(namespace).withName(podName).editStatus(current -> {
            List<PodCondition> conditions = current.getStatus().getConditions().stream()
                    .map(condition -> condition.getType().equals("Ready") || condition.getType().equals("ContainersReady")
                            ? condition(condition.getType(), ready ? "True" : "False", now) : condition)
                    .toList();
            current.getStatus().setConditions(conditions);
            current.getStatus().getContainerStatuses().forEach(container -> container.setReady(ready));
            return current;
        });
    }

    /** Stops or resumes the nodes' heartbeat (Lease renewal and Ready status), as a node that loses its network. */
    public void heartbeat(boolean on) {
        this.heartbeating = on;
    }

    public String nodeName() {
        return nodeName;
    }

    private void ensureNode() {
        if (client.nodes().withName(nodeName).get() == null) {
            Node node = new NodeBuilder().withNewMetadata().withName(nodeName).endMetadata()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build();
            try {
                client.nodes().resource(node).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    /**
     * Adds another node this kubelet heartbeats for (created as given, if absent); pods whose required node affinity
     * names it are bound to it.
     */
    public void addNode(Node node) {
        try {
            client.nodes().resource(node).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        nodes.add(node.getMetadata().getName());
    }

    /** Renews the node's Lease in kube-node-lease and, as a kubelet does, reports Ready again if it is not. */
    private void heartbeat() {
        if (heartbeating) {
            nodes.forEach(this::heartbeat);
        }
    }

    private void heartbeat(String nodeName) {
        try {
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(nodeName).get();
            if (lease == null) {
                client.leases().inNamespace(LEASE_NAMESPACE).resource(new LeaseBuilder()
                        .withNewMetadata().withName(nodeName).withNamespace(LEASE_NAMESPACE).endMetadata()
                        .withNewSpec().withHolderIdentity(nodeName).withLeaseDurationSeconds(40).withRenewTime(now).endSpec()
                        .build()).create();
            } else {
                lease.getSpec().setRenewTime(now);
                client.leases().inNamespace(LEASE_NAMESPACE).resource(lease).update();
            }
            Node node = client.nodes().withName(nodeName).get();
            boolean ready = node != null && node.getStatus() != null && node.getStatus().getConditions() != null
                    && node.getStatus().getConditions().stream()
                            .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
            if (node != null && !ready) {
                String stamp = Instant.now().toString();
                if (node.getStatus() == null) {
                    node.setStatus(new NodeStatus());
                }
                node.getStatus().setConditions(List.of(new NodeConditionBuilder().withType("Ready").withStatus("True")
                        .withReason("KubeletReady").withMessage("kubelet is posting ready status")
                        .withLastHeartbeatTime(stamp).withLastTransitionTime(stamp).build()));
                client.nodes().resource(node).updateStatus();
            }
        } catch (KubernetesClientException e) {
            // A missed beat is retried a second later; throwing would end the schedule.
            log.warn("Heartbeat of node {} failed: {}", nodeName, e.getMessage());
        }
    }

    private void handle(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            if (deleting.add(uid)) {
                executor.schedule(() -> remove(pod), stopDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        }
        if (handled.add(uid)) {
            // Bound first, started after: a status write racing the binding would conflict and be lost.
            executor.execute(() -> {
                bind(pod);
                executor.schedule(() -> start(pod), startDelay.toMillis(), TimeUnit.MILLISECONDS);
            });
        }
    }

    /**
     * Binds the pod through the pods/binding subresource, as the scheduler does: to the node a required node affinity
     * on metadata.name names (DaemonSet pods), else to this kubelet's node.
     */
    private void bind(Pod pod) {
        if (pod.getSpec().getNodeName() != null) {
            return;
        }
        Binding binding = new BindingBuilder().withNewMetadata().withName(pod.getMetadata().getName()).endMetadata()
                .withNewTarget().withKind("Node").withName(targetNode(pod)).endTarget().build();
        // platform-api serves the pods/binding subresource, not the legacy bindings collection.
        ignoreGone(() -> client.raw("/api/v1/namespaces/" + namespace + "/pods/" + pod.getMetadata().getName()
                + "/binding", "POST", binding));
    }

    private String targetNode(Pod pod) {
        if (pod.getSpec().getAffinity() == null || pod.getSpec().getAffinity().getNodeAffinity() == null
                || pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return nodeName;
        }
        return pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().stream()
                .flatMap(term -> term.getMatchFields() == null ? Stream.empty() : term.getMatchFields().stream())
                .filter(field -> "metadata.name".equals(field.getKey()) && "In".equals(field.getOperator()))
                .flatMap(field -> field.getValues().stream())
                .findFirst()
                .orElse(nodeName);
    }

    private void start(Pod pod) {
        boolean ready = !neverReady.test(pod);
        String now = Instant.now().toString();
        ignoreGone(() -> client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(current -> {
            if (current.getMetadata().getDeletionTimestamp() != null) {
                return current;
            }
            List<ContainerStatus> containers = current.getSpec().getContainers().stream()
                    .map(container -> new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
                            .withReady(ready).withStarted(true).withRestartCount(0)
                            .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
                    .toList();
            List<PodCondition> conditions = List.of(
                    condition("PodScheduled", "True", now), condition("Initialized", "True", now),
                    condition("ContainersReady", ready ? "True" : "False", now), condition("Ready", ready ? "True" : "False", now));
            current.getStatus().setPhase("Running");
            current.getStatus().setHostIP("10.200.0.2");
            current.getStatus().setPodIP("10.244.0." + (Math.abs(current.getMetadata().getUid().hashCode()) % 250 + 2));
            current.getStatus().setStartTime(now);
            current.getStatus().setConditions(conditions);
            current.getStatus().setContainerStatuses(containers);
            return current;
        }));
        Integer code = exitCode.apply(pod);
        if (code != null) {
            executor.schedule(() -> exit(pod, code), runFor.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The pod's containers exit with {@code code}: with restartPolicy Never, or on success, the pod ends Succeeded or
     * Failed; otherwise (OnFailure) they restart, counted in restartCount, and exit again after {@code runFor}.
     */
    private void exit(Pod pod, int code) {
        boolean restart = code != 0 && !"Never".equals(pod.getSpec().getRestartPolicy());
        String now = Instant.now().toString();
        ignoreGone(() -> client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(current -> {
            if (current.getMetadata().getDeletionTimestamp() != null || current.getStatus().getContainerStatuses() == null) {
                return current;
            }
            for (ContainerStatus container : current.getStatus().getContainerStatuses()) {
                if (restart) {
                    container.setRestartCount(container.getRestartCount() + 1);
                    container.setLastState(new ContainerStateBuilder().withNewTerminated().withExitCode(code)
                            .withReason("Error").withFinishedAt(now).endTerminated().build());
                } else {
                    container.setReady(false);
                    container.setState(new ContainerStateBuilder().withNewTerminated().withExitCode(code)
                            .withReason(code == 0 ? "Completed" : "Error").withFinishedAt(now).endTerminated().build());
                }
            }
            if (!restart) {
                current.getStatus().setPhase(code == 0 ? "Succeeded" : "Failed");
                current.getStatus().setConditions(current.getStatus().getConditions().stream()
                        .map(condition -> "Ready".equals(condition.getType()) || "ContainersReady".equals(condition.getType())
                                ? condition(condition.getType(), "False", now) : condition)
                        .toList());
            }
            return current;
        }));
        Pod latest = restart ? client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get() : null;
        if (latest != null && latest.getMetadata().getDeletionTimestamp() == null) {
            executor.schedule(() -> exit(pod, code), runFor.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void remove(Pod pod) {
        ignoreGone(() -> client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                .withGracePeriod(0).delete());
    }

    private static PodCondition condition(String type, String status, String now) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(now).build();
    }

    private static void ignoreGone(Runnable action) {
        try {
            action.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        watch.close();
        executor.shutdownNow();
        heartbeats.shutdownNow();
    }
}
