package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ModelTrees;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Pod volumes (one source each, unique names) and the mounts that refer to them. */
public final class VolumeRules {

    private static final String FILE_MODE = "must be a number between 0 and 0777 (octal), both inclusive";

    private VolumeRules() {
    }

    /** Validates the volumes of a new object and returns their names, for checking mounts. */
    public static Set<String> volumes(FieldErrors errors, String path, List<Volume> volumes) {
        return volumes(errors, path, volumes, null);
    }

    /**
     * Validates the volumes and returns their names, for checking mounts.
     *
     * @param stored the volumes of the stored object on an update, null on create: a volume kept exactly as it was
     *               stored is not refused for a kind keel cannot mount (ratcheting, as upstream does when a rule
     *               tightens), so objects stored before that rule can still be labelled, scaled or finalized
     */
    public static Set<String> volumes(FieldErrors errors, String path, List<Volume> volumes, List<Volume> stored) {
        Set<String> names = new LinkedHashSet<>();
        if (volumes == null) {
            return names;
        }
        for (int i = 0; i < volumes.size(); i++) {
            Volume volume = volumes.get(i);
            String itemPath = path + "[" + i + "]";
            source(errors, itemPath, volume, stored != null && stored.contains(volume));
            String name = volume.getName();
            if (name == null || name.isEmpty()) {
                errors.required(itemPath + ".name", "");
            } else {
                errors.invalidEach(itemPath + ".name", name, NameRules.dns1123Label(name));
                if (!names.add(name)) {
                    errors.duplicate(itemPath + ".name", name);
                }
            }
        }
        return names;
    }

    public static void mounts(FieldErrors errors, String path, List<VolumeMount> mounts, Set<String> volumeNames) {
        if (mounts == null) {
            return;
        }
        Set<String> mountPaths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount mount = mounts.get(i);
            String itemPath = path + "[" + i + "]";
            String name = mount.getName() == null ? "" : mount.getName();
            if (name.isEmpty()) {
                errors.required(itemPath + ".name", "");
            }
            if (!volumeNames.contains(name)) {
                errors.notFound(itemPath + ".name", name);
            }
            String mountPath = mount.getMountPath() == null ? "" : mount.getMountPath();
            if (mountPath.isEmpty()) {
                errors.required(itemPath + ".mountPath", "");
            } else if (!mountPaths.add(mountPath)) {
                errors.invalid(itemPath + ".mountPath", mountPath, "must be unique");
            }
            String subPath = mount.getSubPath();
            if (subPath != null && !subPath.isEmpty()) {
                relativePath(errors, itemPath + ".subPath", subPath);
            }
        }
    }

    private static void source(FieldErrors errors, String path, Volume volume, boolean unchanged) {
        List<String> sources = ModelTrees.setFields(volume, "name");
        if (sources.isEmpty()) {
            errors.required(path, "must specify a volume type");
            return;
        }
        if (sources.size() > 1) {
            errors.forbidden(path + "." + sources.get(1), "may not specify more than 1 volume type");
        }
        if (!unchanged) {
            sources.forEach(kind -> VolumeSourceRules.mountable(errors, path, kind));
        }
        if (volume.getEmptyDir() != null) {
            VolumeSourceRules.emptyDir(errors, path + ".emptyDir", volume.getEmptyDir());
        }
        if (volume.getConfigMap() != null) {
            if (blank(volume.getConfigMap().getName())) {
                errors.required(path + ".configMap.name", "");
            }
            mode(errors, path + ".configMap.defaultMode", volume.getConfigMap().getDefaultMode());
            items(errors, path + ".configMap.items", volume.getConfigMap().getItems());
        }
        if (volume.getSecret() != null) {
            if (blank(volume.getSecret().getSecretName())) {
                errors.required(path + ".secret.secretName", "");
            }
            mode(errors, path + ".secret.defaultMode", volume.getSecret().getDefaultMode());
            items(errors, path + ".secret.items", volume.getSecret().getItems());
        }
        if (volume.getHostPath() != null) {
            if (blank(volume.getHostPath().getPath())) {
                errors.required(path + ".hostPath.path", "");
            }
            VolumeSourceRules.hostPathType(errors, path + ".hostPath.type", volume.getHostPath().getType());
        }
        if (volume.getPersistentVolumeClaim() != null && blank(volume.getPersistentVolumeClaim().getClaimName())) {
            errors.required(path + ".persistentVolumeClaim.claimName", "");
        }
        if (volume.getDownwardAPI() != null) {
            mode(errors, path + ".downwardAPI.defaultMode", volume.getDownwardAPI().getDefaultMode());
            VolumeSourceRules.downwardItems(errors, path + ".downwardAPI.items", volume.getDownwardAPI().getItems(),
                    new HashSet<>());
        }
        if (volume.getProjected() != null) {
            VolumeSourceRules.projected(errors, path + ".projected", volume.getProjected());
        }
    }

    static void items(FieldErrors errors, String path, List<KeyToPath> items) {
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            KeyToPath item = items.get(i);
            String itemPath = path + "[" + i + "]";
            if (blank(item.getKey())) {
                errors.required(itemPath + ".key", "");
            }
            if (blank(item.getPath())) {
                errors.required(itemPath + ".path", "");
            } else {
                relativePath(errors, itemPath + ".path", item.getPath());
            }
            mode(errors, itemPath + ".mode", item.getMode());
        }
    }

    static void mode(FieldErrors errors, String path, Integer mode) {
        if (mode != null && (mode < 0 || mode > 0777)) {
            errors.invalid(path, mode, FILE_MODE);
        }
    }

    /** A path that stays inside the volume: relative, without '..' elements. */
    static void relativePath(FieldErrors errors, String path, String value) {
        if (value.startsWith("/")) {
            errors.invalid(path, value, "must be a relative path");
        }
        for (String element : value.split("/")) {
            if (element.equals("..")) {
                errors.invalid(path, value, "must not contain '..'");
                break;
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
