package dev.keel.reconciler.daemonset;

import dev.keel.runtime.objects.NodeSelectors;
import dev.keel.runtime.objects.Tolerations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/**
 * Whether a DaemonSet belongs on a node: its nodeSelector and required node affinity match the node, and its
 * tolerations (with the daemon defaults) cover the node's taints. A NoSchedule taint keeps a new daemon off the node
 * but lets a running one stay; a NoExecute taint does both.
 *
 * @param shouldRun          a daemon pod should be created on the node
 * @param shouldContinueRunning an existing daemon pod may stay
 */
public record DaemonEligibility(boolean shouldRun, boolean shouldContinueRunning) {

    public static DaemonEligibility of(PodSpec template, Node node) {
        boolean selected = NodeSelectors.podFits(template, node.getMetadata().getName(), node.getMetadata().getLabels());
        if (!selected) {
            return new DaemonEligibility(false, false);
        }
        List<Toleration> tolerations = DaemonPods.tolerations(template);
        List<Taint> taints = node.getSpec() == null ? null : node.getSpec().getTaints();
        boolean noExecuteTolerated = Tolerations.toleratesAll(tolerations, taints, List.of("NoExecute"));
        boolean noScheduleTolerated = Tolerations.toleratesAll(tolerations, taints, List.of("NoSchedule"));
        return new DaemonEligibility(noExecuteTolerated && noScheduleTolerated, noExecuteTolerated);
    }
}
