package dev.keel.reconciler.nodelifecycle;

import dev.keel.runtime.objects.Tolerations;
import dev.keel.runtime.objects.Tolerations.TolerationTime;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** When a pod must leave a node because of the node's NoExecute taints. */
public final class NoExecuteEvictions {

    private NoExecuteEvictions() {
    }

    /**
     * The instant the pod is to be evicted, or empty if it may stay for ever. A taint the pod does not tolerate evicts
     * it from the moment the taint was added; a tolerated one after the least tolerationSeconds of the tolerations
     * that match it (none set: never, zero or less: at once) counted from that moment, by platform-runtime's
     * {@link Tolerations#tolerationTime}. The earliest instant over all taints wins.
     */
    public static Optional<Instant> evictionTime(List<Toleration> tolerations, List<Taint> taints,
            Function<Taint, Instant> addedAt) {
        Optional<Instant> earliest = Optional.empty();
        for (Taint taint : taints) {
            if (!ConditionTaints.NO_EXECUTE.equals(taint.getEffect())) {
                continue;
            }
            Instant added = addedAt.apply(taint);
            Optional<TolerationTime> tolerated = Tolerations.tolerationTime(tolerations, taint);
            Optional<Instant> due;
            if (tolerated.isEmpty()) {
                due = Optional.of(added);
            } else if (tolerated.get().forever()) {
                due = Optional.empty();
            } else {
                due = Optional.of(added.plusSeconds(tolerated.get().seconds()));
            }
            if (due.isPresent() && (earliest.isEmpty() || due.get().isBefore(earliest.get()))) {
                earliest = due;
            }
        }
        return earliest;
    }
}
