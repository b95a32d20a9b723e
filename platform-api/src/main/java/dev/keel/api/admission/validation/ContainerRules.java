package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One container of a pod spec: name, image, policies, ports, environment, mounts, probes and resources. */
public final class ContainerRules {

    public static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    public static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    public static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");

    private ContainerRules() {
    }

    /**
     * @param init        whether it is an init container, where probes only make sense for sidecars
     * @param hostNetwork whether the pod uses the node's network, where host and container ports coincide
     */
    public static void container(FieldErrors errors, String path, Container container, Set<String> volumeNames,
            boolean init, boolean hostNetwork) {
        String name = container.getName();
        if (name == null || name.isEmpty()) {
            errors.required(path + ".name", "");
        } else {
            errors.invalidEach(path + ".name", name, NameRules.dns1123Label(name));
        }
        String image = container.getImage();
        if (image == null || image.isEmpty()) {
            errors.required(path + ".image", "");
        } else if (!image.strip().equals(image)) {
            errors.invalid(path + ".image", image, "must not have leading or trailing whitespace");
        }
        oneOf(errors, path + ".imagePullPolicy", container.getImagePullPolicy(), PULL_POLICIES);
        oneOf(errors, path + ".terminationMessagePolicy", container.getTerminationMessagePolicy(), TERMINATION_MESSAGE_POLICIES);
        restartPolicy(errors, path + ".restartPolicy", container.getRestartPolicy(), init);
        ports(errors, path + ".ports", container.getPorts(), hostNetwork);
        EnvRules.env(errors, path + ".env", container.getEnv());
        EnvRules.envFrom(errors, path + ".envFrom", container.getEnvFrom());
        VolumeRules.mounts(errors, path + ".volumeMounts", container.getVolumeMounts(), volumeNames);
        boolean sidecar = init && "Always".equals(container.getRestartPolicy());
        if (init && !sidecar) {
            forbidForPlainInit(errors, path + ".livenessProbe", container.getLivenessProbe() != null);
            forbidForPlainInit(errors, path + ".readinessProbe", container.getReadinessProbe() != null);
            forbidForPlainInit(errors, path + ".startupProbe", container.getStartupProbe() != null);
            forbidForPlainInit(errors, path + ".lifecycle", container.getLifecycle() != null);
        } else {
            ProbeRules.probe(errors, path + ".livenessProbe", container.getLivenessProbe(), ProbeRules.Kind.LIVENESS);
            ProbeRules.probe(errors, path + ".readinessProbe", container.getReadinessProbe(), ProbeRules.Kind.READINESS);
            ProbeRules.probe(errors, path + ".startupProbe", container.getStartupProbe(), ProbeRules.Kind.STARTUP);
            if (container.getLifecycle() != null) {
                ProbeRules.lifecycleHandler(errors, path + ".lifecycle.postStart", container.getLifecycle().getPostStart());
                ProbeRules.lifecycleHandler(errors, path + ".lifecycle.preStop", container.getLifecycle().getPreStop());
            }
        }
        resources(errors, path + ".resources", container.getResources());
    }

    public static void resources(FieldErrors errors, String path, ResourceRequirements resources) {
        if (resources == null) {
            return;
        }
        Map<String, Quantity> limits = resources.getLimits() == null ? Map.of() : resources.getLimits();
        Map<String, Quantity> requests = resources.getRequests() == null ? Map.of() : resources.getRequests();
        limits.forEach((resource, quantity) -> quantity(errors, path + ".limits[" + resource + "]", quantity));
        requests.forEach((resource, quantity) -> {
            BigDecimal request = quantity(errors, path + ".requests[" + resource + "]", quantity);
            Quantity limit = limits.get(resource);
            BigDecimal limitValue = Quantities.value(limit);
            if (request != null && limitValue != null && request.compareTo(limitValue) > 0) {
                errors.invalid(path + ".requests", Quantities.text(quantity), "must be less than or equal to " + resource
                        + " limit of " + Quantities.text(limit));
            }
        });
    }

    private static BigDecimal quantity(FieldErrors errors, String path, Quantity quantity) {
        BigDecimal value = Quantities.value(quantity);
        if (value == null) {
            errors.invalid(path, quantity == null ? "" : Quantities.text(quantity), Quantities.SYNTAX);
        } else if (value.signum() < 0) {
            errors.invalid(path, Quantities.text(quantity), "must be greater than or equal to 0");
        }
        return value;
    }

    private static void ports(FieldErrors errors, String path, List<ContainerPort> ports, boolean hostNetwork) {
        if (ports == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort port = ports.get(i);
            String itemPath = path + "[" + i + "]";
            String name = port.getName();
            if (name != null && !name.isEmpty()) {
                List<String> problems = NameRules.portName(name);
                errors.invalidEach(itemPath + ".name", name, problems);
                if (problems.isEmpty() && !names.add(name)) {
                    errors.duplicate(itemPath + ".name", name);
                }
            }
            int containerPort = port.getContainerPort() == null ? 0 : port.getContainerPort();
            if (containerPort == 0) {
                errors.required(itemPath + ".containerPort", "");
            } else {
                errors.invalidEach(itemPath + ".containerPort", containerPort, NameRules.portNumber(containerPort));
            }
            int hostPort = port.getHostPort() == null ? 0 : port.getHostPort();
            if (hostPort != 0) {
                errors.invalidEach(itemPath + ".hostPort", hostPort, NameRules.portNumber(hostPort));
                if (hostNetwork && hostPort != containerPort) {
                    errors.invalid(itemPath + ".hostPort", hostPort, "must match `containerPort` when `hostNetwork` is true");
                }
            }
            String protocol = port.getProtocol();
            if (protocol == null || protocol.isEmpty()) {
                errors.required(itemPath + ".protocol", "");
            } else if (!PROTOCOLS.contains(protocol)) {
                errors.notSupported(itemPath + ".protocol", protocol, PROTOCOLS);
            }
        }
    }

    private static void restartPolicy(FieldErrors errors, String path, String policy, boolean init) {
        if (policy == null || policy.isEmpty()) {
            return;
        }
        if (!init) {
            errors.forbidden(path, "may not be set for non-init containers");
        } else if (!policy.equals("Always")) {
            errors.notSupported(path, policy, List.of("Always"));
        }
    }

    private static void forbidForPlainInit(FieldErrors errors, String path, boolean set) {
        if (set) {
            errors.forbidden(path, "may not be set for init containers without restartPolicy=Always");
        }
    }

    /** A field that must hold one of a few values; empty is reported as missing (defaulting should fill it). */
    static void oneOf(FieldErrors errors, String path, String value, List<String> supported) {
        if (value == null || value.isEmpty()) {
            errors.required(path, "");
        } else if (!supported.contains(value)) {
            errors.notSupported(path, value, supported);
        }
    }
}
