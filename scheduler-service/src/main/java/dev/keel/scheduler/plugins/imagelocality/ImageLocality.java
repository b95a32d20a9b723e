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

    private static final CycleState.Key<Images> IMAGES = new CycleState.Key<>(NAME);

    /** The snapshot and the pod's images, normalized once per cycle rather than per node. */
    private record Images(Snapshot snapshot, List<String> names) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        List<Container> containers = pod.pod().getSpec().getContainers();
        List<String> names = containers == null ? List.of() : containers.stream().map(c -> normalized(c.getImage())).toList();
        state.write(IMAGES, new Images(snapshot, names));
        return Status.success();
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Images images = state.read(IMAGES);
        if (images == null) {
            images = new Images(null, List.of());
        }
        Snapshot snapshot = images.snapshot();
        List<String> names = images.names();
        if (snapshot == null || names.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (String image : names) {
            Long size = node.imageSizes().get(image);
            if (size != null) {
                sum += (long) (size * ((double) snapshot.nodesWithImage(image) / snapshot.size()));
            }
        }
        long max = MAX_CONTAINER_THRESHOLD * names.size();
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
