package dev.keel.node.server.logs;

import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.PodSandbox;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.pod.PodLabels;
import dev.keel.node.runtime.ContainerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The log files of one container of a pod on this node, as the agent lays them out:
 * {@code <log root>/<namespace>_<pod>_<uid>/<container>/<attempt>.log}. The pod's uid comes from its sandbox's
 * labels, so a pod recreated under the same name never shows its predecessor's logs. Rotation renames the live file
 * to {@code <attempt>.log.<time>} beside it (see {@code dev.keel.node.logrotation}).
 */
public class ContainerLogFiles implements LogSource {

    private final ContainerRuntime runtime;
    private final Path logRoot;
    private final String namespace;
    private final String pod;
    private final String container;

    public ContainerLogFiles(ContainerRuntime runtime, Path logRoot, String namespace, String pod, String container) {
        this.runtime = runtime;
        this.logRoot = logRoot;
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
    }

    @Override
    public List<Path> files() throws IOException {
        Optional<String> uid = podUid();
        if (uid.isEmpty()) {
            return List.of();
        }
        Path directory = logRoot.resolve(namespace + "_" + pod + "_" + uid.get()).resolve(container);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            // An attempt whose live file is missing for a moment (rotated, not reopened yet) still counts.
            return entries.mapToInt(ContainerLogFiles::attempt).filter(attempt -> attempt >= 0).distinct().sorted()
                .mapToObj(attempt -> directory.resolve(attempt + ".log")).toList();
        }
    }

    @Override
    public boolean running() {
        return runtime.listContainers(ContainerFilter.newBuilder().putAllLabelSelector(containerLabels()).build())
            .stream().anyMatch(found -> found.getState() == ContainerState.CONTAINER_RUNNING
                || found.getState() == ContainerState.CONTAINER_CREATED);
    }

    /** The newest sandbox's pod uid: the current incarnation of the pod. */
    private Optional<String> podUid() {
        return runtime.listPodSandboxes(PodSandboxFilter.newBuilder()
                .putLabelSelector(PodLabels.POD_NAMESPACE, namespace).putLabelSelector(PodLabels.POD_NAME, pod).build())
            .stream().max(Comparator.comparingLong(PodSandbox::getCreatedAt))
            .map(sandbox -> sandbox.getLabelsMap().get(PodLabels.POD_UID));
    }

    private Map<String, String> containerLabels() {
        return Map.of(PodLabels.POD_NAMESPACE, namespace, PodLabels.POD_NAME, pod, PodLabels.CONTAINER_NAME, container);
    }

    /** The attempt number of {@code N.log} and its rotated files {@code N.log.*}, or -1 for anything else. */
    private static int attempt(Path file) {
        String name = file.getFileName().toString();
        int end = name.indexOf(".log");
        if (end <= 0 || !(name.length() == end + 4 || name.charAt(end + 4) == '.')) {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
