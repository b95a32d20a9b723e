package dev.keel.reconciler.daemonset;

import dev.keel.reconciler.revision.TemplateHashes;
import dev.keel.reconciler.workload.Claims;
import dev.keel.reconciler.workload.PodTemplates;
import dev.keel.reconciler.workload.Pods;
import dev.keel.runtime.client.ApiErrors;
import dev.keel.runtime.controller.Expectations;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DaemonSet controller: one pod per eligible node, pinned by node affinity for the scheduler to bind. Pods are
 * created with generated names, so expectations keep a pass on a stale cache from creating a node's pod twice.
 */
public final class DaemonSetReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(DaemonSetReconciler.class);

    private final KubernetesClient client;
    private final Informers informers;
    private final Expectations expectations;
    private final Claims claims;
    private final EventRecorder events;
    private final Clock clock;

    public DaemonSetReconciler(KubernetesClient client, Informers informers, Expectations expectations,
            EventRecorder events, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.expectations = expectations;
        this.claims = new Claims(client);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(Request request) {
        Optional<DaemonSet> cached = informers.get(DaemonSet.class, request.namespace(), request.name());
        if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() != null) {
            expectations.forget(request);
            return Result.done();
        }
        DaemonSet set = cached.get();
        Instant now = clock.instant();
        int minReadySeconds = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
        String hash = TemplateHashes.hash(set.getSpec().getTemplate());
        List<Pod> pods = claims.claim(set, set.getSpec().getSelector(), informers.list(Pod.class, set.getMetadata().getNamespace()));
        Map<String, List<Pod>> byNode = new HashMap<>();
        for (Pod pod : pods) {
            DaemonPods.targetNode(pod).ifPresent(node -> byNode.computeIfAbsent(node, key -> new ArrayList<>()).add(pod));
        }
        List<NodeDaemons> nodes = new ArrayList<>();
        for (Node node : informers.informer(Node.class).getStore().list()) {
            List<Pod> onNode = byNode.getOrDefault(node.getMetadata().getName(), List.of());
            List<DaemonPod> live = onNode.stream()
                    .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                    .sorted(Comparator.comparing(pod -> pod.getMetadata().getCreationTimestamp()))
                    .map(pod -> daemonPod(pod, hash, minReadySeconds, now))
                    .toList();
            boolean terminating = onNode.stream().anyMatch(pod -> pod.getMetadata().getDeletionTimestamp() != null);
            nodes.add(new NodeDaemons(node.getMetadata().getName(), DaemonEligibility.of(set.getSpec().getTemplate().getSpec(), node),
                    live, terminating));
        }
        if (expectations.satisfied(request)) {
            DaemonSetPlan plan = DaemonSetPlanner.plan(nodes, isRollingUpdate(set), maxUnavailable(set, nodes), maxSurge(set, nodes));
            Map<String, Pod> byName = new HashMap<>();
            pods.forEach(pod -> byName.put(pod.getMetadata().getName(), pod));
            act(request, set, hash, plan, byName);
        }
        updateStatus(set, DaemonSetStatuses.compute(set, nodes));
        return pods.stream()
                .map(pod -> Pods.untilAvailable(pod, minReadySeconds, now))
                .flatMap(Optional::stream)
                .min(Duration::compareTo)
                .map(Result::requeueAfter)
                .orElse(Result.done());
    }

    private static DaemonPod daemonPod(Pod pod, String hash, int minReadySeconds, Instant now) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        String revision = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(DaemonPods.REVISION_LABEL);
        return new DaemonPod(pod.getMetadata().getName(), hash.equals(revision), Pods.isReady(pod),
                Pods.isAvailable(pod, minReadySeconds, now), "Failed".equals(phase) || "Succeeded".equals(phase));
    }

    private void act(Request key, DaemonSet set, String hash, DaemonSetPlan plan, Map<String, Pod> byName) {
        if (plan.isEmpty()) {
            return;
        }
        List<Pod> victims = plan.delete().stream().map(byName::get).filter(Objects::nonNull).toList();
        expectations.expectCreations(key, plan.createOn().size());
        if (!victims.isEmpty()) {
            expectations.expectDeletions(key, victims.stream().map(pod -> pod.getMetadata().getUid()).toList());
        }
        String namespace = set.getMetadata().getNamespace();
        for (String node : plan.createOn()) {
            try {
                Pod created = client.pods().inNamespace(namespace).resource(DaemonPods.pod(set, node, hash)).create();
                log.info("Created daemon pod {}/{} for node {}", namespace, created.getMetadata().getName(), node);
                events.normal(set, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
            } catch (KubernetesClientException e) {
                expectations.creationObserved(key);
                events.warning(set, "FailedCreate", "Error creating: " + ApiErrors.message(e));
                throw e;
            }
        }
        for (Pod victim : victims) {
            if (victim.getStatus() != null && "Failed".equals(victim.getStatus().getPhase())) {
                events.warning(set, "FailedDaemonPod", "Found failed daemon pod " + namespace + "/" + victim.getMetadata().getName()
                        + " on node " + DaemonPods.targetNode(victim).orElse("") + ", will try to kill it");
            }
            try {
                client.pods().inNamespace(namespace).withName(victim.getMetadata().getName()).delete();
                log.info("Deleted daemon pod {}/{} from node {}", namespace, victim.getMetadata().getName(),
                        DaemonPods.targetNode(victim).orElse("(none)"));
                events.normal(set, "SuccessfulDelete", "Deleted pod: " + victim.getMetadata().getName());
            } catch (KubernetesClientException e) {
                expectations.deletionObserved(key, victim.getMetadata().getUid());
                if (e.getCode() != 404) {
                    events.warning(set, "FailedDelete", "Error deleting: " + e.getMessage());
                    throw e;
                }
            }
        }
    }

    private static boolean isRollingUpdate(DaemonSet set) {
        return set.getSpec().getUpdateStrategy() == null || !"OnDelete".equals(set.getSpec().getUpdateStrategy().getType());
    }

    private static int maxUnavailable(DaemonSet set, List<NodeDaemons> nodes) {
        IntOrString value = set.getSpec().getUpdateStrategy() == null || set.getSpec().getUpdateStrategy().getRollingUpdate() == null
                ? null : set.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable();
        int scaled = Scaled.value(value, desired(nodes), 1);
        // Both limits zero would stall the update for ever: Kubernetes then allows one unavailable.
        return scaled == 0 && maxSurge(set, nodes) == 0 ? 1 : scaled;
    }

    private static int maxSurge(DaemonSet set, List<NodeDaemons> nodes) {
        IntOrString value = set.getSpec().getUpdateStrategy() == null || set.getSpec().getUpdateStrategy().getRollingUpdate() == null
                ? null : set.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge();
        return Scaled.value(value, desired(nodes), 0);
    }

    private static int desired(List<NodeDaemons> nodes) {
        return (int) nodes.stream().filter(node -> node.eligibility().shouldRun()).count();
    }

    private void updateStatus(DaemonSet set, DaemonSetStatus status) {
        if (Objects.equals(set.getStatus(), status)) {
            return;
        }
        DaemonSet updated = PodTemplates.copy(set);
        updated.setStatus(status);
        client.apps().daemonSets().inNamespace(set.getMetadata().getNamespace()).resource(updated).updateStatus();
    }
}
