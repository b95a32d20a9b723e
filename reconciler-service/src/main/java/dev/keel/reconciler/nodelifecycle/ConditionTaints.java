package dev.keel.reconciler.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The taints a node's conditions call for, as Kubernetes' node lifecycle controller sets them. NoExecute (the taint
 * manager evicts by them): unreachable for Ready Unknown, not-ready for Ready False. NoSchedule at once
 * (TaintNodesByCondition, so the scheduler stops placing pods there): the same two keys, memory-, disk- and
 * pid-pressure and network-unavailable for those conditions True, and unschedulable for a cordoned node.
 */
public final class ConditionTaints {

    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
    public static final String DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
    public static final String PID_PRESSURE = "node.kubernetes.io/pid-pressure";
    public static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";
    public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    public static final String NO_EXECUTE = "NoExecute";
    public static final String NO_SCHEDULE = "NoSchedule";

    /** A taint by key and effect, the identity Kubernetes gives taints. */
    public record TaintKey(String key, String effect) {

        static TaintKey of(Taint taint) {
            return new TaintKey(taint.getKey(), taint.getEffect());
        }
    }

    /** Every taint this controller owns: it adds and removes these, and leaves every other taint alone. */
    static final Set<TaintKey> MANAGED = Set.of(
            new TaintKey(UNREACHABLE, NO_EXECUTE), new TaintKey(NOT_READY, NO_EXECUTE),
            new TaintKey(UNREACHABLE, NO_SCHEDULE), new TaintKey(NOT_READY, NO_SCHEDULE),
            new TaintKey(MEMORY_PRESSURE, NO_SCHEDULE), new TaintKey(DISK_PRESSURE, NO_SCHEDULE),
            new TaintKey(PID_PRESSURE, NO_SCHEDULE), new TaintKey(NETWORK_UNAVAILABLE, NO_SCHEDULE),
            new TaintKey(UNSCHEDULABLE, NO_SCHEDULE));

    /** Conditions whose status True calls for a NoSchedule taint. */
    private static final Map<String, String> PRESSURE_TAINTS = Map.of(
            "MemoryPressure", MEMORY_PRESSURE, "DiskPressure", DISK_PRESSURE, "PIDPressure", PID_PRESSURE,
            "NetworkUnavailable", NETWORK_UNAVAILABLE);

    private ConditionTaints() {
    }

    /** The Ready taint key the Ready status calls for; none for True (or a node that has not reported yet). */
    public static Optional<String> readyKey(String readyStatus) {
        if ("Unknown".equals(readyStatus)) {
            return Optional.of(UNREACHABLE);
        }
        if ("False".equals(readyStatus)) {
            return Optional.of(NOT_READY);
        }
        return Optional.empty();
    }

    /** The managed taints the node's conditions and spec.unschedulable call for. */
    public static Set<TaintKey> wanted(Node node) {
        Set<TaintKey> wanted = new LinkedHashSet<>();
        List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        for (NodeCondition condition : conditions) {
            if ("Ready".equals(condition.getType())) {
                readyKey(condition.getStatus()).ifPresent(key -> {
                    wanted.add(new TaintKey(key, NO_EXECUTE));
                    wanted.add(new TaintKey(key, NO_SCHEDULE));
                });
            } else if (PRESSURE_TAINTS.containsKey(condition.getType()) && "True".equals(condition.getStatus())) {
                wanted.add(new TaintKey(PRESSURE_TAINTS.get(condition.getType()), NO_SCHEDULE));
            }
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            wanted.add(new TaintKey(UNSCHEDULABLE, NO_SCHEDULE));
        }
        return wanted;
    }

    /**
     * {@code current} with the managed taints set to {@code wanted}, other taints untouched; empty if nothing
     * changes. A taint that stays keeps its timeAdded, which eviction times count from; a new one is stamped now.
     */
    public static Optional<List<Taint>> reconcile(List<Taint> current, Set<TaintKey> wanted, Instant now) {
        List<Taint> existing = current == null ? List.of() : current;
        List<Taint> result = new ArrayList<>();
        Set<TaintKey> present = new LinkedHashSet<>();
        boolean changed = false;
        for (Taint taint : existing) {
            TaintKey key = TaintKey.of(taint);
            if (!MANAGED.contains(key) || wanted.contains(key) && present.add(key)) {
                result.add(taint);
            } else {
                changed = true;
            }
        }
        for (TaintKey key : wanted) {
            if (!present.contains(key)) {
                result.add(new TaintBuilder().withKey(key.key()).withEffect(key.effect()).withTimeAdded(now.toString()).build());
                changed = true;
            }
        }
        return changed ? Optional.of(result) : Optional.empty();
    }
}
