package dev.keel.node.volume;

import dev.keel.node.config.ConfigSources;
import dev.keel.node.config.SecretData;
import dev.keel.node.cri.v1.Mount;
import dev.keel.node.volume.KeyFiles.FileContent;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up a pod's volumes as directories on the node and turns its containers' volume mounts into CRI bind mounts.
 * Under the root: {@code pods/UID/volumes/NAME} for emptyDir (a tmpfs for {@code medium: Memory}), configMap,
 * secret, downwardAPI and projected volumes (removed with the pod), {@code claims/NAMESPACE_NAME_UID} per
 * PersistentVolumeClaim (kept across pods: the claim's local storage). hostPath volumes are the node's own paths,
 * checked and created as their type says. ConfigMap, Secret, downwardAPI and projected volumes are written by
 * {@link AtomicDirectory} and refreshed while the pod runs ({@link #refresh}).
 */
public class PodVolumes {

    private static final Logger log = LoggerFactory.getLogger(PodVolumes.class);

    private final Path root;
    private final ConfigSources sources;
    private final MemoryMedium memory;
    private final Map<String, Quantity> allocatable;
    private final Clock clock;
    private final Duration refreshPeriod;
    /** When each pod's volumes last read their ConfigMaps and Secrets, by pod UID. */
    private final Map<String, Instant> refreshed = new ConcurrentHashMap<>();
    /** When each pod's disk emptyDirs were last measured against their sizeLimit, by pod UID. */
    private final Map<String, Instant> measured = new ConcurrentHashMap<>();

    /**
     * {@code allocatable} is the node's (a resourceFieldRef to an unset limit reports it); ConfigMaps and Secrets
     * are read again for running pods every {@code refreshPeriod}.
     */
    public PodVolumes(Path root, ConfigSources sources, MemoryMedium memory, Map<String, Quantity> allocatable,
        Clock clock, Duration refreshPeriod) {
        this.root = root;
        this.sources = sources;
        this.memory = memory;
        this.allocatable = allocatable;
        this.clock = clock;
        this.refreshPeriod = refreshPeriod;
    }

    /** Plain directories for memory volumes, no allocatable, the system clock (tests of files). */
    PodVolumes(Path root, ConfigSources sources) {
        this(root, sources, MemoryMedium.DIRECTORY, Map.of(), Clock.systemUTC(), Duration.ofSeconds(30));
    }

    /** Creates or refreshes every volume of the pod; answers them by name. */
    public Map<String, PreparedVolume> prepare(Pod pod) throws VolumeUnavailableException {
        Map<String, PreparedVolume> prepared = new HashMap<>();
        for (Volume volume : volumes(pod)) {
            try {
                PreparedVolume ready = prepare(pod, volume);
                if (ready != null) {
                    prepared.put(volume.getName(), ready);
                }
            } catch (IOException e) {
                throw setUpFailed(volume, e.toString(), e);
            } catch (VolumeUnavailableException e) {
                throw e.getMessage().startsWith("MountVolume.") ? e : setUpFailed(volume, e.getMessage(), e);
            }
        }
        refreshed.put(pod.getMetadata().getUid(), clock.instant());
        return prepared;
    }

    /**
     * Brings the projected volumes of a pod whose volumes are set up up to date: downwardAPI volumes at every call
     * (they depend on the pod object only, e.g. its labels), volumes reading ConfigMaps or Secrets once per refresh
     * period. A rewrite swaps {@code ..data}, so containers that mount the whole volume see the new files at once;
     * subPath mounts keep the file they started with, as in Kubernetes. A failure leaves the old content in place.
     */
    public void refresh(Pod pod) throws VolumeUnavailableException {
        String uid = pod.getMetadata().getUid();
        Instant last = refreshed.get(uid);
        boolean due = last == null || !clock.instant().isBefore(last.plus(refreshPeriod));
        if (due) {
            refreshed.put(uid, clock.instant());
        }
        for (Volume volume : volumes(pod)) {
            boolean readsObjects = volume.getConfigMap() != null || volume.getSecret() != null
                || volume.getProjected() != null && projectionsReadObjects(volume.getProjected());
            boolean pending = volume.getDownwardAPI() != null || volume.getProjected() != null;
            if (!(readsObjects ? due : pending) || !Files.isDirectory(own(pod, volume))) {
                continue;
            }
            try {
                if (writeFiles(pod, volume)) {
                    log.info("Pod {}/{}: volume {} refreshed", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), volume.getName());
                }
            } catch (IOException e) {
                throw setUpFailed(volume, e.toString(), e);
            } catch (VolumeUnavailableException e) {
                throw setUpFailed(volume, e.getMessage(), e);
            }
        }
    }

    /**
     * The kubelet's eviction message when a disk-backed emptyDir holds more than its sizeLimit, else empty; measured
     * at most once per refresh period (a walk of the directory). Memory ones are tmpfs mounts of that size, which
     * cannot hold more.
     */
    public Optional<String> sizeLimitExceeded(Pod pod) throws IOException {
        String uid = pod.getMetadata().getUid();
        Instant last = measured.get(uid);
        if (last != null && clock.instant().isBefore(last.plus(refreshPeriod))) {
            return Optional.empty();
        }
        measured.put(uid, clock.instant());
        for (Volume volume : volumes(pod)) {
            EmptyDirVolumeSource emptyDir = volume.getEmptyDir();
            if (emptyDir == null || emptyDir.getSizeLimit() == null || "Memory".equals(emptyDir.getMedium())) {
                continue;
            }
            Path directory = own(pod, volume);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            BigDecimal limit = Quantity.getAmountInBytes(emptyDir.getSizeLimit());
            if (BigDecimal.valueOf(usage(directory)).compareTo(limit) > 0) {
                return Optional.of("Usage of EmptyDir volume \"" + volume.getName() + "\" exceeds the limit \""
                    + emptyDir.getSizeLimit() + "\".");
            }
        }
        return Optional.empty();
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

    /** Removes the pod's own volumes (not hostPaths, not claims' storage), unmounting its tmpfs first. */
    public void remove(String podUid) throws IOException {
        Path pod = root.resolve("pods").resolve(podUid);
        if (Files.isDirectory(pod)) {
            memory.unmountUnder(pod);
        }
        KeyFiles.deleteTree(pod);
        refreshed.remove(podUid);
        measured.remove(podUid);
    }

    private PreparedVolume prepare(Pod pod, Volume volume) throws IOException, VolumeUnavailableException {
        String namespace = pod.getMetadata().getNamespace();
        Path own = own(pod, volume);
        if (volume.getEmptyDir() != null) {
            Files.createDirectories(own);
            if ("Memory".equals(volume.getEmptyDir().getMedium())) {
                Quantity size = volume.getEmptyDir().getSizeLimit();
                memory.mount(own, size == null ? null : Quantity.getAmountInBytes(size).longValue());
            }
            Files.setPosixFilePermissions(own, KeyFiles.permissions(0777));
            return new PreparedVolume(own, false);
        }
        if (volume.getConfigMap() != null || volume.getSecret() != null || volume.getDownwardAPI() != null
            || volume.getProjected() != null) {
            writeFiles(pod, volume);
            return new PreparedVolume(own, true);
        }
        if (volume.getHostPath() != null) {
            return new PreparedVolume(HostPaths.check(Path.of(volume.getHostPath().getPath()),
                volume.getHostPath().getType()), false);
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
        // Admission refuses other kinds; one stored before that rule is reported when a container mounts it.
        return null;
    }

    /** Writes a configMap, secret, downwardAPI or projected volume's files; answers whether anything changed. */
    private boolean writeFiles(Pod pod, Volume volume) throws IOException, VolumeUnavailableException {
        return new AtomicDirectory(own(pod, volume), clock).write(files(pod, volume));
    }

    private Map<String, FileContent> files(Pod pod, Volume volume) throws VolumeUnavailableException {
        String namespace = pod.getMetadata().getNamespace();
        if (volume.getConfigMap() != null) {
            var source = volume.getConfigMap();
            return configMapFiles(namespace, source.getName(), source.getOptional(), source.getItems(),
                source.getDefaultMode());
        }
        if (volume.getSecret() != null) {
            var source = volume.getSecret();
            return secretFiles(namespace, source.getSecretName(), source.getOptional(), source.getItems(),
                source.getDefaultMode());
        }
        if (volume.getDownwardAPI() != null) {
            return DownwardApiFiles.of(pod, volume.getDownwardAPI().getItems(),
                volume.getDownwardAPI().getDefaultMode(), allocatable);
        }
        return projectedFiles(pod, volume.getProjected());
    }

    /** The sources' files in order (a later path replaces an earlier one; admission refuses such clashes). */
    private Map<String, FileContent> projectedFiles(Pod pod, ProjectedVolumeSource projected)
        throws VolumeUnavailableException {
        String namespace = pod.getMetadata().getNamespace();
        Integer mode = projected.getDefaultMode();
        Map<String, FileContent> files = new LinkedHashMap<>();
        for (VolumeProjection source : Optional.ofNullable(projected.getSources()).orElse(List.of())) {
            if (source.getConfigMap() != null) {
                var configMap = source.getConfigMap();
                files.putAll(configMapFiles(namespace, configMap.getName(), configMap.getOptional(),
                    configMap.getItems(), mode));
            } else if (source.getSecret() != null) {
                var secret = source.getSecret();
                files.putAll(secretFiles(namespace, secret.getName(), secret.getOptional(), secret.getItems(), mode));
            } else if (source.getDownwardAPI() != null) {
                files.putAll(DownwardApiFiles.of(pod, source.getDownwardAPI().getItems(), mode, allocatable));
            } else {
                throw new VolumeUnavailableException("keel projects only configMap, secret and downwardAPI sources");
            }
        }
        return files;
    }

    private Map<String, FileContent> configMapFiles(String namespace, String name, Boolean optional,
        List<KeyToPath> items, Integer mode) throws VolumeUnavailableException {
        Optional<ConfigMap> configMap = sources.configMap(namespace, name);
        if (configMap.isEmpty()) {
            return absent(Boolean.TRUE.equals(optional), "configmap \"" + name + "\" not found");
        }
        return KeyFiles.select(configMapData(configMap.get()), items, mode, "ConfigMap", Boolean.TRUE.equals(optional));
    }

    private Map<String, FileContent> secretFiles(String namespace, String name, Boolean optional,
        List<KeyToPath> items, Integer mode) throws VolumeUnavailableException {
        var secret = sources.secret(namespace, name);
        if (secret.isEmpty()) {
            return absent(Boolean.TRUE.equals(optional), "secret \"" + name + "\" not found");
        }
        return KeyFiles.select(SecretData.of(secret.get()), items, mode, "Secret", Boolean.TRUE.equals(optional));
    }

    /** A missing optional source projects nothing; a missing required one fails the mount. */
    private static Map<String, FileContent> absent(boolean optional, String message)
        throws VolumeUnavailableException {
        if (optional) {
            return Map.of();
        }
        throw new VolumeUnavailableException(message);
    }

    private static boolean projectionsReadObjects(ProjectedVolumeSource projected) {
        return Optional.ofNullable(projected.getSources()).orElse(List.of()).stream()
            .anyMatch(source -> source.getConfigMap() != null || source.getSecret() != null);
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

    private Path own(Pod pod, Volume volume) {
        return root.resolve("pods").resolve(pod.getMetadata().getUid()).resolve("volumes").resolve(volume.getName());
    }

    private static List<Volume> volumes(Pod pod) {
        return Optional.ofNullable(pod.getSpec().getVolumes()).orElse(List.of());
    }

    /** The kubelet's FailedMount wording. */
    private static VolumeUnavailableException setUpFailed(Volume volume, String reason, Exception cause) {
        return new VolumeUnavailableException("MountVolume.SetUp failed for volume \"" + volume.getName() + "\" : "
            + reason, cause);
    }

    /**
     * Bytes of the regular files under {@code directory}, symlinks not followed; files the containers remove during
     * the walk are not counted (they must not fail the pod's sync).
     */
    private static long usage(Path directory) throws IOException {
        long[] total = {0};
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    /**
     * A sub-path of the volume, created as a directory when missing. It may not leave the volume, also not through
     * a symlink (a container could plant one in an emptyDir): the deepest existing ancestor is resolved to its real
     * path and checked before anything is created, the missing components are made one by one without following
     * links, and the final real path is checked again. A configMap key resolves to its file in the current
     * {@code ..data} version, which the bind mount then keeps.
     */
    private static Path subPath(Path volume, String subPath) throws VolumeUnavailableException {
        Path target = volume.resolve(subPath).normalize();
        if (Path.of(subPath).isAbsolute() || !target.startsWith(volume)) {
            throw new VolumeUnavailableException("subPath " + subPath + " leaves the volume");
        }
        try {
            Path volumeReal = volume.toRealPath();
            Path existing = target;
            while (!existing.equals(volume) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            Path current = existing.toRealPath();
            if (!current.startsWith(volumeReal)) {
                throw throughSymlink(subPath);
            }
            for (Path name : existing.relativize(target)) {
                if (name.toString().isEmpty()) {
                    continue;
                }
                Path next = current.resolve(name);
                try {
                    Files.createDirectory(next);
                } catch (FileAlreadyExistsException raced) {
                    // Appeared meanwhile (perhaps as a symlink): resolved and checked below like any other.
                }
                current = next.toRealPath();
                if (!current.startsWith(volumeReal)) {
                    throw throughSymlink(subPath);
                }
            }
            Path real = target.toRealPath();
            if (!real.startsWith(volumeReal)) {
                throw throughSymlink(subPath);
            }
            return real;
        } catch (IOException e) {
            throw new VolumeUnavailableException("creating subPath " + subPath + ": " + e, e);
        }
    }

    private static VolumeUnavailableException throughSymlink(String subPath) {
        return new VolumeUnavailableException("subPath " + subPath + " leaves the volume (through a symlink)");
    }
}
