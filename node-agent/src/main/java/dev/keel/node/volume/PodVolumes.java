package dev.keel.node.volume;

import dev.keel.node.config.ConfigSources;
import dev.keel.node.config.SecretData;
import dev.keel.node.cri.v1.Mount;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sets up a pod's volumes as directories on the node and turns its containers' volume mounts into CRI bind mounts.
 * Under the root: {@code pods/UID/volumes/NAME} for emptyDir, configMap and secret volumes (removed with the pod),
 * {@code claims/NAMESPACE_NAME_UID} per PersistentVolumeClaim (kept across pods: the claim's local storage).
 * hostPath volumes are the node's own paths, checked and created as their type says.
 */
public class PodVolumes {

    private final Path root;
    private final ConfigSources sources;

    public PodVolumes(Path root, ConfigSources sources) {
        this.root = root;
        this.sources = sources;
    }

    /** Creates or refreshes every volume of the pod; answers them by name. */
    public Map<String, PreparedVolume> prepare(Pod pod) throws VolumeUnavailableException {
        Map<String, PreparedVolume> prepared = new HashMap<>();
        for (Volume volume : Optional.ofNullable(pod.getSpec().getVolumes()).orElse(List.of())) {
            try {
                PreparedVolume ready = prepare(pod, volume);
                if (ready != null) {
                    prepared.put(volume.getName(), ready);
                }
            } catch (IOException e) {
                throw new VolumeUnavailableException("MountVolume.SetUp failed for volume \"" + volume.getName()
                    + "\": " + e, e);
            }
        }
        return prepared;
    }

    /** The container's bind mounts; a mount of a volume the pod does not have (or that is not supported) fails. */
    public List<Mount> mounts(Container container, Map<String, PreparedVolume> volumes)
        throws VolumeUnavailableException {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount mount : Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
            PreparedVolume volume = volumes.get(mount.getName());
            if (volume == null) {
                throw new VolumeUnavailableException("container " + container.getName() + " mounts volume \""
                    + mount.getName() + "\", which the pod does not have or whose kind is not supported");
            }
            Path hostPath = volume.hostPath();
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                hostPath = subPath(volume.hostPath(), mount.getSubPath());
            }
            mounts.add(Mount.newBuilder().setContainerPath(mount.getMountPath()).setHostPath(hostPath.toString())
                .setReadonly(volume.readOnly() || Boolean.TRUE.equals(mount.getReadOnly())).build());
        }
        return mounts;
    }

    /** Removes the pod's own volumes (not hostPaths, not claims' storage). */
    public void remove(String podUid) throws IOException {
        KeyFiles.deleteTree(root.resolve("pods").resolve(podUid));
    }

    private PreparedVolume prepare(Pod pod, Volume volume) throws IOException, VolumeUnavailableException {
        String namespace = pod.getMetadata().getNamespace();
        Path own = root.resolve("pods").resolve(pod.getMetadata().getUid()).resolve("volumes").resolve(volume.getName());
        if (volume.getEmptyDir() != null) {
            Files.createDirectories(own);
            Files.setPosixFilePermissions(own, KeyFiles.permissions(0777));
            return new PreparedVolume(own, false);
        }
        if (volume.getConfigMap() != null) {
            var source = volume.getConfigMap();
            Optional<Map<String, byte[]>> data = sources.configMap(namespace, source.getName())
                .map(PodVolumes::configMapData);
            return keyFiles(own, volume.getName(), data, Boolean.TRUE.equals(source.getOptional()),
                new KeySource("ConfigMap", namespace, source.getName()), source.getItems(), source.getDefaultMode());
        }
        if (volume.getSecret() != null) {
            var source = volume.getSecret();
            Optional<Map<String, byte[]>> data = sources.secret(namespace, source.getSecretName()).map(SecretData::of);
            return keyFiles(own, volume.getName(), data, Boolean.TRUE.equals(source.getOptional()),
                new KeySource("Secret", namespace, source.getSecretName()), source.getItems(), source.getDefaultMode());
        }
        if (volume.getHostPath() != null) {
            return new PreparedVolume(hostPath(volume.getHostPath()), false);
        }
        if (volume.getPersistentVolumeClaim() != null) {
            String claimName = volume.getPersistentVolumeClaim().getClaimName();
            PersistentVolumeClaim claim = sources.claim(namespace, claimName).orElseThrow(() ->
                new VolumeUnavailableException("persistentvolumeclaim \"" + claimName + "\" not found"));
            Path storage = root.resolve("claims").resolve(namespace + "_" + claimName + "_"
                + claim.getMetadata().getUid());
            Files.createDirectories(storage);
            Files.setPosixFilePermissions(storage, KeyFiles.permissions(0777));
            return new PreparedVolume(storage, Boolean.TRUE.equals(volume.getPersistentVolumeClaim().getReadOnly()));
        }
        return null;
    }

    /** A configMap or secret volume: the source's keys as files; a missing source is empty when optional. */
    private static PreparedVolume keyFiles(Path directory, String volumeName, Optional<Map<String, byte[]>> data,
        boolean optional, KeySource source, List<KeyToPath> items, Integer defaultMode)
        throws IOException, VolumeUnavailableException {
        if (data.isEmpty() && !optional) {
            throw new VolumeUnavailableException("MountVolume.SetUp failed for volume \"" + volumeName + "\": "
                + source.kind().toLowerCase() + " \"" + source.name() + "\" not found");
        }
        KeyFiles.write(directory, KeyFiles.select(data.orElse(Map.of()), items, defaultMode,
            source.kind() + " " + source.namespace() + "/" + source.name()));
        return new PreparedVolume(directory, true);
    }

    private record KeySource(String kind, String namespace, String name) {
    }

    private static Map<String, byte[]> configMapData(ConfigMap configMap) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (configMap.getData() != null) {
            configMap.getData().forEach((key, value) -> data.put(key, value.getBytes(StandardCharsets.UTF_8)));
        }
        if (configMap.getBinaryData() != null) {
            configMap.getBinaryData().forEach((key, value) -> data.put(key, Base64.getMimeDecoder().decode(value)));
        }
        return data;
    }

    /** Checks or creates the node path as the volume's type says ("" checks nothing). */
    private static Path hostPath(HostPathVolumeSource source) throws IOException, VolumeUnavailableException {
        Path path = Path.of(source.getPath());
        String type = source.getType() == null ? "" : source.getType();
        switch (type) {
            case "" -> { }
            case "DirectoryOrCreate" -> {
                if (!Files.isDirectory(path)) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, KeyFiles.permissions(0755));
                }
            }
            case "FileOrCreate" -> {
                if (!Files.exists(path)) {
                    Files.createDirectories(path.getParent());
                    Files.createFile(path);
                    Files.setPosixFilePermissions(path, KeyFiles.permissions(0644));
                }
            }
            case "Directory" -> require(Files.isDirectory(path), path, "a directory");
            case "File" -> require(Files.isRegularFile(path), path, "a file");
            case "Socket", "CharDevice", "BlockDevice" -> require(Files.exists(path) && !Files.isDirectory(path)
                && !Files.isRegularFile(path), path, "a " + type);
            default -> throw new VolumeUnavailableException("hostPath type " + type + " is not known");
        }
        return path;
    }

    private static void require(boolean ok, Path path, String what) throws VolumeUnavailableException {
        if (!ok) {
            throw new VolumeUnavailableException("hostPath " + path + " is not " + what);
        }
    }

    /** A sub-path of the volume, created as a directory when missing; it may not leave the volume. */
    private static Path subPath(Path volume, String subPath) throws VolumeUnavailableException {
        Path target = volume.resolve(subPath).normalize();
        if (Path.of(subPath).isAbsolute() || !target.startsWith(volume)) {
            throw new VolumeUnavailableException("subPath " + subPath + " leaves the volume");
        }
        try {
            if (!Files.exists(target)) {
                Files.createDirectories(target);
            }
        } catch (IOException e) {
            throw new VolumeUnavailableException("creating subPath " + subPath + ": " + e, e);
        }
        return target;
    }
}
