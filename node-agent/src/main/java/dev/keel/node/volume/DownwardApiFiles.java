package dev.keel.node.volume;

import dev.keel.node.config.ConfigUnavailableException;
import dev.keel.node.config.DownwardApi;
import dev.keel.node.volume.KeyFiles.FileContent;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a downwardAPI volume (or projection): each item's pod field ({@code metadata.labels} and
 * {@code metadata.annotations} as {@code key="value"} lines) or container resource, with the item's mode or the
 * default one.
 */
final class DownwardApiFiles {

    private DownwardApiFiles() {
    }

    static Map<String, FileContent> of(Pod pod, List<DownwardAPIVolumeFile> items, Integer defaultMode,
        Map<String, Quantity> allocatable) throws VolumeUnavailableException {
        int mode = defaultMode == null ? KeyFiles.DEFAULT_MODE : defaultMode;
        Map<String, FileContent> files = new LinkedHashMap<>();
        for (DownwardAPIVolumeFile item : items == null ? List.<DownwardAPIVolumeFile>of() : items) {
            String value;
            try {
                if (item.getFieldRef() != null) {
                    value = DownwardApi.field(pod, item.getFieldRef().getFieldPath(), null, null);
                } else if (item.getResourceFieldRef() != null) {
                    value = DownwardApi.resource(pod, null, item.getResourceFieldRef(), allocatable);
                } else {
                    throw new VolumeUnavailableException("downwardAPI item " + item.getPath() + " names no field");
                }
            } catch (ConfigUnavailableException e) {
                throw new VolumeUnavailableException("downwardAPI item " + item.getPath() + ": " + e.getMessage(), e);
            }
            files.put(item.getPath(), new FileContent(value == null ? new byte[0]
                : value.getBytes(StandardCharsets.UTF_8), item.getMode() == null ? mode : item.getMode()));
        }
        return files;
    }
}
