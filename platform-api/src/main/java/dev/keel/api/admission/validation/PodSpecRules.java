package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A pod spec, in a pod or in a workload's template. */
public final class PodSpecRules {

    public static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    public static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");

    private PodSpecRules() {
    }

    /**
     * @param extraVolumes volume names that exist without being listed, e.g. a stateful set's claim templates
     */
    public static void podSpec(FieldErrors errors, String path, PodSpec spec, Set<String> extraVolumes) {
        podSpec(errors, path, spec, extraVolumes, null);
    }

    /**
     * @param extraVolumes volume names that exist without being listed, e.g. a stateful set's claim templates
     * @param stored       the stored object's spec on an update, null on create (see {@link VolumeRules#volumes})
     */
    public static void podSpec(FieldErrors errors, String path, PodSpec spec, Set<String> extraVolumes,
            PodSpec stored) {
        if (spec == null) {
            errors.required(path + ".containers", "");
            return;
        }
        Set<String> volumes = VolumeRules.volumes(errors, path + ".volumes", spec.getVolumes(),
                stored == null ? null : stored.getVolumes() == null ? List.of() : stored.getVolumes());
        volumes.addAll(extraVolumes);
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        Set<String> containerNames = new HashSet<>();
        if (spec.getContainers() == null || spec.getContainers().isEmpty()) {
            errors.required(path + ".containers", "");
        } else {
            containers(errors, path + ".containers", spec.getContainers(), volumes, false, hostNetwork, containerNames);
        }
        // Init containers share the name space of the app containers; clashes are reported on the init container.
        containers(errors, path + ".initContainers", spec.getInitContainers(), volumes, true, hostNetwork, containerNames);
        ContainerRules.oneOf(errors, path + ".restartPolicy", spec.getRestartPolicy(), RESTART_POLICIES);
        ContainerRules.oneOf(errors, path + ".dnsPolicy", spec.getDnsPolicy(), DNS_POLICIES);
        if ("None".equals(spec.getDnsPolicy()) && spec.getDnsConfig() == null) {
            errors.required(path + ".dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None");
        }
        MetadataRules.labels(errors, path + ".nodeSelector", spec.getNodeSelector());
        subdomain(errors, path + ".serviceAccountName", spec.getServiceAccountName());
        subdomain(errors, path + ".nodeName", spec.getNodeName());
        label(errors, path + ".hostname", spec.getHostname());
        label(errors, path + ".subdomain", spec.getSubdomain());
        Long deadline = spec.getActiveDeadlineSeconds();
        if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
            errors.invalid(path + ".activeDeadlineSeconds", deadline, NameRules.inclusiveRange(1, Integer.MAX_VALUE));
        }
        TolerationRules.tolerations(errors, path + ".tolerations", spec.getTolerations());
    }

    /** A new workload's pod template: its labels and annotations, then its spec. */
    public static void template(FieldErrors errors, String path, PodTemplateSpec template, Set<String> extraVolumes) {
        template(errors, path, template, extraVolumes, null);
    }

    /**
     * A workload's pod template: its labels and annotations, then its spec.
     *
     * @param stored the stored object's template on an update, null on create (see {@link VolumeRules#volumes})
     */
    public static void template(FieldErrors errors, String path, PodTemplateSpec template, Set<String> extraVolumes,
            PodTemplateSpec stored) {
        if (template == null) {
            errors.required(path, "");
            return;
        }
        if (template.getMetadata() != null) {
            // Upstream reports template labels at "<path>.labels", without "metadata".
            MetadataRules.labels(errors, path + ".labels", template.getMetadata().getLabels());
            MetadataRules.annotations(errors, path + ".annotations", template.getMetadata().getAnnotations());
        }
        PodSpec storedSpec = stored == null ? null : stored.getSpec() == null ? new PodSpec() : stored.getSpec();
        podSpec(errors, path + ".spec", template.getSpec(), extraVolumes, storedSpec);
    }

    /** A stored workload's template as {@link #template} takes it on an update (never null there). */
    public static PodTemplateSpec stored(PodTemplateSpec template) {
        return template == null ? new PodTemplateSpec() : template;
    }

    private static void containers(FieldErrors errors, String path, List<Container> containers, Set<String> volumes,
            boolean init, boolean hostNetwork, Set<String> names) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            String itemPath = path + "[" + i + "]";
            ContainerRules.container(errors, itemPath, container, volumes, init, hostNetwork);
            String name = container.getName();
            if (name != null && !name.isEmpty() && !names.add(name)) {
                errors.duplicate(itemPath + ".name", name);
            }
        }
    }

    private static void subdomain(FieldErrors errors, String path, String value) {
        if (value != null && !value.isEmpty()) {
            errors.invalidEach(path, value, NameRules.dns1123Subdomain(value));
        }
    }

    private static void label(FieldErrors errors, String path, String value) {
        if (value != null && !value.isEmpty()) {
            errors.invalidEach(path, value, NameRules.dns1123Label(value));
        }
    }
}
