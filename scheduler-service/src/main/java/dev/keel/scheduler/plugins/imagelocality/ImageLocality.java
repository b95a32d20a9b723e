package dev.keel.scheduler.plugins.imagelocality;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.PreScorePlugin;
import dev.keel.scheduler.framework.ScorePlugin;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Container;
import java.util.List;

/**
 * Prefers nodes that already hold the pod's images, weighing each image by its size and by the share of nodes that
 * have it (an image on every node says little), between a floor of 23 MB and a ceiling of 1000 MB per container.
 */
public final class ImageLocality implements PreScorePlugin, ScorePlugin {

    public static final String NAME = "ImageLocality";

    static final long MIN_THRESHOLD = 23L * 1024 * 1024;
    static final long MAX_CONTAINER_THRESHOLD = 1000L * 1024 * 1024;

    private static final CycleState.Key<Snapshot> SNAPSHOT = new CycleState.Key<>(NAME);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        state.write(SNAPSHOT, snapshot);
        return Status.success();
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Snapshot snapshot = state.read(SNAPSHOT);
        List<Container> containers = pod.pod().getSpec().getContainers();
        if (snapshot == null || containers == null || containers.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (Container container : containers) {
            String image = normalized(container.getImage());
            Long size = node.imageSizes().get(image);
            if (size != null) {
                sum += (long) (size * ((double) snapshot.nodesWithImage(image) / snapshot.size()));
            }
        }
        long max = MAX_CONTAINER_THRESHOLD * containers.size();
        long clamped = Math.max(MIN_THRESHOLD, Math.min(sum, max));
        return MAX_SCORE * (clamped - MIN_THRESHOLD) / (max - MIN_THRESHOLD);
    }

    /** An image named without tag or digest means ":latest", as node status reports it. */
    static String normalized(String image) {
        if (image == null) {
            return "";
        }
        int slash = image.lastIndexOf('/');
        String last = image.substring(slash + 1);
        return last.contains(":") || last.contains("@") ? image : image + ":latest";
    }
}
