package dev.keel.reconciler.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The NoExecute taints a node's Ready condition calls for: unreachable for Unknown, not-ready for False. */
public final class ConditionTaints {

    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String NO_EXECUTE = "NoExecute";

    private ConditionTaints() {
    }

    /** The taint key the Ready status calls for; none for True (or a node that has not reported yet). */
    public static Optional<String> wantedKey(String readyStatus) {
        if ("Unknown".equals(readyStatus)) {
            return Optional.of(UNREACHABLE);
        }
        if ("False".equals(readyStatus)) {
            return Optional.of(NOT_READY);
        }
        return Optional.empty();
    }

    /**
     * {@code current} with the condition taints set to what {@code readyStatus} calls for, other taints untouched;
     * empty if nothing changes. A taint that stays keeps its timeAdded, which eviction times count from.
     */
    public static Optional<List<Taint>> reconcile(List<Taint> current, String readyStatus, Instant now) {
        List<Taint> existing = current == null ? List.of() : current;
        Optional<String> wanted = wantedKey(readyStatus);
        List<Taint> result = new ArrayList<>();
        boolean changed = false;
        boolean present = false;
        for (Taint taint : existing) {
            boolean conditionTaint = NO_EXECUTE.equals(taint.getEffect())
                    && (UNREACHABLE.equals(taint.getKey()) || NOT_READY.equals(taint.getKey()));
            if (!conditionTaint) {
                result.add(taint);
            } else if (wanted.isPresent() && wanted.get().equals(taint.getKey())) {
                result.add(taint);
                present = true;
            } else {
                changed = true;
            }
        }
        if (wanted.isPresent() && !present) {
            result.add(new TaintBuilder().withKey(wanted.get()).withEffect(NO_EXECUTE).withTimeAdded(now.toString()).build());
            changed = true;
        }
        return changed ? Optional.of(result) : Optional.empty();
    }
}
