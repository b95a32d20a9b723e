package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The volume kinds keel's node agent can set up, and the fields of the ones it cannot check elsewhere (downward API
 * items, projections, emptyDir media, hostPath types). Any other kind is refused here, so no pod waits in
 * ContainerCreating for a mount that will never happen.
 */
final class VolumeSourceRules {

    /** What node-agent mounts (node/volume/PodVolumes). */
    static final List<String> MOUNTABLE = List.of("configMap", "downwardAPI", "emptyDir", "hostPath",
            "persistentVolumeClaim", "projected", "secret");
    static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice", "Directory",
            "DirectoryOrCreate", "File", "FileOrCreate", "Socket");
    static final List<String> EMPTY_DIR_MEDIA = List.of("", "Memory");
    /** Pod fields a downwardAPI volume file can hold (env has more: see EnvRules). */
    static final List<String> VOLUME_FIELDS = List.of("metadata.annotations", "metadata.labels", "metadata.name",
            "metadata.namespace", "metadata.uid");
    static final List<String> RESOURCES = List.of("limits.cpu", "limits.ephemeral-storage", "limits.memory",
            "requests.cpu", "requests.ephemeral-storage", "requests.memory");
    private static final Pattern SUBSCRIPTED = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

    private VolumeSourceRules() {
    }

    /** Refuses a kind the node agent cannot mount, naming it. */
    static void mountable(FieldErrors errors, String path, String kind) {
        if (!MOUNTABLE.contains(kind)) {
            errors.forbidden(path + "." + kind, "keel cannot mount " + kind + " volumes; supported volume types: "
                    + String.join(", ", MOUNTABLE));
        }
    }

    static void emptyDir(FieldErrors errors, String path, EmptyDirVolumeSource source) {
        String medium = source.getMedium() == null ? "" : source.getMedium();
        if (!EMPTY_DIR_MEDIA.contains(medium)) {
            errors.notSupported(path + ".medium", medium, EMPTY_DIR_MEDIA);
        }
        if (source.getSizeLimit() != null) {
            var limit = Quantities.value(source.getSizeLimit());
            if (limit == null || limit.signum() < 0) {
                errors.invalid(path + ".sizeLimit", Quantities.text(source.getSizeLimit()),
                        "SizeLimit field must be a valid resource quantity");
            }
        }
    }

    static void hostPathType(FieldErrors errors, String path, String type) {
        if (type != null && !HOST_PATH_TYPES.contains(type)) {
            errors.notSupported(path, type, HOST_PATH_TYPES);
        }
    }

    /** The files of a downwardAPI volume or projection; their paths join {@code paths} (for conflicts). */
    static void downwardItems(FieldErrors errors, String path, List<DownwardAPIVolumeFile> items, Set<String> paths) {
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            DownwardAPIVolumeFile item = items.get(i);
            String itemPath = path + "[" + i + "]";
            filePath(errors, itemPath + ".path", item.getPath(), paths);
            VolumeRules.mode(errors, itemPath + ".mode", item.getMode());
            int count = (item.getFieldRef() != null ? 1 : 0) + (item.getResourceFieldRef() != null ? 1 : 0);
            if (count == 0) {
                errors.required(itemPath, "one of `fieldRef` and `resourceFieldRef` must be specified");
            } else if (count > 1) {
                errors.invalid(itemPath + ".fieldRef", "", "fieldRef and resourceFieldRef can not be specified simultaneously");
            }
            if (item.getFieldRef() != null) {
                fieldPath(errors, itemPath + ".fieldRef.fieldPath", item.getFieldRef().getFieldPath());
            }
            if (item.getResourceFieldRef() != null) {
                resourceField(errors, itemPath + ".resourceFieldRef", item.getResourceFieldRef());
            }
        }
    }

    /** A projected volume: one source per projection, no two files at one path, no service-account tokens yet. */
    static void projected(FieldErrors errors, String path, ProjectedVolumeSource source) {
        VolumeRules.mode(errors, path + ".defaultMode", source.getDefaultMode());
        List<VolumeProjection> sources = source.getSources();
        if (sources == null) {
            return;
        }
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            VolumeProjection projection = sources.get(i);
            String itemPath = path + ".sources[" + i + "]";
            int count = 0;
            if (projection.getServiceAccountToken() != null) {
                count++;
                errors.forbidden(itemPath + ".serviceAccountToken", "keel does not issue service account tokens yet; "
                        + "projected sources supported: configMap, secret, downwardAPI");
            }
            if (projection.getClusterTrustBundle() != null) {
                count++;
                errors.forbidden(itemPath + ".clusterTrustBundle", "keel does not serve ClusterTrustBundles; "
                        + "projected sources supported: configMap, secret, downwardAPI");
            }
            if (projection.getConfigMap() != null) {
                count++;
                if (blank(projection.getConfigMap().getName())) {
                    errors.required(itemPath + ".configMap.name", "");
                }
                keyItems(errors, itemPath + ".configMap.items", projection.getConfigMap().getItems(), paths);
            }
            if (projection.getSecret() != null) {
                count++;
                if (blank(projection.getSecret().getName())) {
                    errors.required(itemPath + ".secret.name", "");
                }
                keyItems(errors, itemPath + ".secret.items", projection.getSecret().getItems(), paths);
            }
            if (projection.getDownwardAPI() != null) {
                count++;
                downwardItems(errors, itemPath + ".downwardAPI.items", projection.getDownwardAPI().getItems(), paths);
            }
            if (count == 0) {
                errors.required(itemPath, "must specify exactly 1 of: configMap, secret, downwardAPI");
            } else if (count > 1) {
                errors.forbidden(itemPath, "may not specify more than 1 volume type per source");
            }
        }
    }

    private static void keyItems(FieldErrors errors, String path, List<KeyToPath> items, Set<String> paths) {
        VolumeRules.items(errors, path, items);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                String file = items.get(i).getPath();
                if (!blank(file) && !paths.add(file)) {
                    errors.invalid(path + "[" + i + "].path", file, "conflicting duplicate paths");
                }
            }
        }
    }

    private static void filePath(FieldErrors errors, String path, String file, Set<String> paths) {
        if (blank(file)) {
            errors.required(path, "");
            return;
        }
        VolumeRules.relativePath(errors, path, file);
        if (file.startsWith("..")) {
            errors.invalid(path, file, "must not start with '..'");
        }
        if (!paths.add(file)) {
            errors.invalid(path, file, "conflicting duplicate paths");
        }
    }

    private static void fieldPath(FieldErrors errors, String path, String fieldPath) {
        if (blank(fieldPath)) {
            errors.required(path, "");
            return;
        }
        Matcher subscripted = SUBSCRIPTED.matcher(fieldPath);
        if (subscripted.matches()) {
            String key = subscripted.group(2);
            errors.invalidEach(path, key, NameRules.qualifiedName(key.toLowerCase(Locale.ROOT)));
        } else if (!VOLUME_FIELDS.contains(fieldPath)) {
            errors.notSupported(path, fieldPath, VOLUME_FIELDS);
        }
    }

    /** In a volume the container must be named: the volume belongs to the pod, not to one container. */
    private static void resourceField(FieldErrors errors, String path, ResourceFieldSelector selector) {
        if (blank(selector.getContainerName())) {
            errors.required(path + ".containerName", "");
        }
        String resource = selector.getResource();
        if (blank(resource)) {
            errors.required(path + ".resource", "");
        } else if (!RESOURCES.contains(resource) && !resource.startsWith("limits.hugepages-")
                && !resource.startsWith("requests.hugepages-")) {
            errors.notSupported(path + ".resource", resource, RESOURCES);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
