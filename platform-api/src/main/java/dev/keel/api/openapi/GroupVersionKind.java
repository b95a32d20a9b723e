package dev.keel.api.openapi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Optional;

/** A kind's coordinates, as written in {@code x-kubernetes-group-version-kind}; group is "" for core. */
public record GroupVersionKind(String group, String version, String kind) {

    /** The kind a fabric8 class stands for, from its {@code @Group}/{@code @Version}; empty for non-kinds. */
    static Optional<GroupVersionKind> of(Class<?> model) {
        Version version = model.getAnnotation(Version.class);
        if (version == null) {
            return Optional.empty();
        }
        Group group = model.getAnnotation(Group.class);
        return Optional.of(new GroupVersionKind(group == null ? "" : group.value(), version.value(),
                HasMetadata.getKind(model)));
    }
}
