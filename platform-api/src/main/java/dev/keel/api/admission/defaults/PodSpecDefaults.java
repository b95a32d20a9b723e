package dev.keel.api.admission.defaults;

import dev.keel.api.admission.ModelTrees;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.List;

/**
 * Kubernetes' defaults for a pod spec, wherever it appears (pods and workload templates): pod-level
 * policies, and per container, port, probe, environment variable and volume.
 */
public final class PodSpecDefaults {

    /** 0644, the file mode of configMap, secret, downwardAPI and projected volumes. */
    public static final int DEFAULT_FILE_MODE = 420;

    private PodSpecDefaults() {
    }

    public static void template(PodTemplateSpec template) {
        if (template != null && template.getSpec() != null) {
            apply(template.getSpec());
        }
    }

    public static void apply(PodSpec spec) {
        if (blank(spec.getDnsPolicy())) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (blank(spec.getRestartPolicy())) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(30L);
        }
        if (blank(spec.getSchedulerName())) {
            spec.setSchedulerName("default-scheduler");
        }
        // The API keeps the deprecated serviceAccount field as a mirror of serviceAccountName.
        if (blank(spec.getServiceAccountName()) && !blank(spec.getServiceAccount())) {
            spec.setServiceAccountName(spec.getServiceAccount());
        }
        spec.setServiceAccount(blank(spec.getServiceAccountName()) ? null : spec.getServiceAccountName());
        containers(spec.getContainers());
        containers(spec.getInitContainers());
        if (spec.getEphemeralContainers() != null) {
            spec.getEphemeralContainers().forEach(PodSpecDefaults::ephemeralContainer);
        }
        if (spec.getVolumes() != null) {
            spec.getVolumes().forEach(PodSpecDefaults::volume);
        }
    }

    private static void containers(List<Container> containers) {
        if (containers != null) {
            containers.forEach(PodSpecDefaults::container);
        }
    }

    static void container(Container container) {
        if (blank(container.getImagePullPolicy())) {
            container.setImagePullPolicy(ImagePullPolicies.forImage(container.getImage()));
        }
        if (blank(container.getTerminationMessagePath())) {
            container.setTerminationMessagePath("/dev/termination-log");
        }
        if (blank(container.getTerminationMessagePolicy())) {
            container.setTerminationMessagePolicy("File");
        }
        if (container.getResources() == null) {
            container.setResources(new ResourceRequirements());
        }
        ports(container.getPorts());
        probe(container.getLivenessProbe());
        probe(container.getReadinessProbe());
        probe(container.getStartupProbe());
        lifecycle(container.getLifecycle());
        env(container.getEnv());
    }

    private static void ephemeralContainer(EphemeralContainer container) {
        if (blank(container.getImagePullPolicy())) {
            container.setImagePullPolicy(ImagePullPolicies.forImage(container.getImage()));
        }
        if (blank(container.getTerminationMessagePath())) {
            container.setTerminationMessagePath("/dev/termination-log");
        }
        if (blank(container.getTerminationMessagePolicy())) {
            container.setTerminationMessagePolicy("File");
        }
        if (container.getResources() == null) {
            container.setResources(new ResourceRequirements());
        }
        ports(container.getPorts());
        env(container.getEnv());
    }

    private static void ports(List<ContainerPort> ports) {
        if (ports == null) {
            return;
        }
        for (ContainerPort port : ports) {
            if (blank(port.getProtocol())) {
                port.setProtocol("TCP");
            }
        }
    }

    private static void probe(Probe probe) {
        if (probe == null) {
            return;
        }
        if (probe.getTimeoutSeconds() == null || probe.getTimeoutSeconds() == 0) {
            probe.setTimeoutSeconds(1);
        }
        if (probe.getPeriodSeconds() == null || probe.getPeriodSeconds() == 0) {
            probe.setPeriodSeconds(10);
        }
        if (probe.getSuccessThreshold() == null || probe.getSuccessThreshold() == 0) {
            probe.setSuccessThreshold(1);
        }
        if (probe.getFailureThreshold() == null || probe.getFailureThreshold() == 0) {
            probe.setFailureThreshold(3);
        }
        httpGet(probe.getHttpGet());
        if (probe.getGrpc() != null && probe.getGrpc().getService() == null) {
            probe.getGrpc().setService("");
        }
    }

    private static void lifecycle(Lifecycle lifecycle) {
        if (lifecycle == null) {
            return;
        }
        for (LifecycleHandler handler : new LifecycleHandler[] {lifecycle.getPostStart(), lifecycle.getPreStop()}) {
            if (handler != null) {
                httpGet(handler.getHttpGet());
            }
        }
    }

    private static void httpGet(HTTPGetAction action) {
        if (action == null) {
            return;
        }
        if (blank(action.getPath())) {
            action.setPath("/");
        }
        if (blank(action.getScheme())) {
            action.setScheme("HTTP");
        }
    }

    private static void env(List<EnvVar> env) {
        if (env == null) {
            return;
        }
        for (EnvVar variable : env) {
            if (variable.getValueFrom() != null) {
                fieldRef(variable.getValueFrom().getFieldRef());
            }
        }
    }

    private static void fieldRef(ObjectFieldSelector selector) {
        if (selector != null && blank(selector.getApiVersion())) {
            selector.setApiVersion("v1");
        }
    }

    static void volume(Volume volume) {
        if (ModelTrees.setFields(volume, "name").isEmpty()) {
            volume.setEmptyDir(new EmptyDirVolumeSource());
            return;
        }
        if (volume.getConfigMap() != null && volume.getConfigMap().getDefaultMode() == null) {
            volume.getConfigMap().setDefaultMode(DEFAULT_FILE_MODE);
        }
        if (volume.getSecret() != null && volume.getSecret().getDefaultMode() == null) {
            volume.getSecret().setDefaultMode(DEFAULT_FILE_MODE);
        }
        if (volume.getDownwardAPI() != null) {
            if (volume.getDownwardAPI().getDefaultMode() == null) {
                volume.getDownwardAPI().setDefaultMode(DEFAULT_FILE_MODE);
            }
            downwardItems(volume.getDownwardAPI().getItems());
        }
        if (volume.getProjected() != null) {
            if (volume.getProjected().getDefaultMode() == null) {
                volume.getProjected().setDefaultMode(DEFAULT_FILE_MODE);
            }
            projections(volume.getProjected().getSources());
        }
        if (volume.getHostPath() != null && volume.getHostPath().getType() == null) {
            volume.getHostPath().setType("");
        }
        if (volume.getImage() != null && blank(volume.getImage().getPullPolicy())) {
            volume.getImage().setPullPolicy(ImagePullPolicies.forImage(volume.getImage().getReference()));
        }
        if (volume.getEphemeral() != null && volume.getEphemeral().getVolumeClaimTemplate() != null
                && volume.getEphemeral().getVolumeClaimTemplate().getSpec() != null
                && volume.getEphemeral().getVolumeClaimTemplate().getSpec().getVolumeMode() == null) {
            volume.getEphemeral().getVolumeClaimTemplate().getSpec().setVolumeMode("Filesystem");
        }
    }

    private static void projections(List<VolumeProjection> sources) {
        if (sources == null) {
            return;
        }
        for (VolumeProjection source : sources) {
            if (source.getServiceAccountToken() != null && source.getServiceAccountToken().getExpirationSeconds() == null) {
                source.getServiceAccountToken().setExpirationSeconds(3600L);
            }
            if (source.getDownwardAPI() != null) {
                downwardItems(source.getDownwardAPI().getItems());
            }
        }
    }

    private static void downwardItems(List<DownwardAPIVolumeFile> items) {
        if (items != null) {
            items.forEach(item -> fieldRef(item.getFieldRef()));
        }
    }

    static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
