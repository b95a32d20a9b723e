package dev.keel.node.config;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet builds it: {@code envFrom} sources first (ConfigMaps and Secrets, with
 * their prefix), then {@code env} in order, which overrides them. A value may be literal (with {@code $(VAR)}
 * references to variables defined before it), a ConfigMap or Secret key, a downward-API field or a container's
 * resource request or limit.
 */
public final class ContainerEnv {

    /** {@code $$} escapes a dollar; {@code $(NAME)} refers to a variable. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([^)]*)\\)");

    private final Pod pod;
    private final ConfigSources sources;
    private final String podIp;
    private final String hostIp;
    private final Map<String, Quantity> allocatable;

    /**
     * {@code podIp} and {@code hostIp} are what status.podIP and status.hostIP will report; {@code allocatable} is
     * the node's, which a resourceFieldRef to an unset limit reports.
     */
    public ContainerEnv(Pod pod, ConfigSources sources, String podIp, String hostIp,
        Map<String, Quantity> allocatable) {
        this.pod = pod;
        this.sources = sources;
        this.podIp = podIp;
        this.hostIp = hostIp;
        this.allocatable = allocatable;
    }

    /** The variables in the order they are defined; a later definition of a name replaces the value in place. */
    public Map<String, String> resolve(Container container) throws ConfigUnavailableException {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                Optional<ConfigMap> configMap = sources.configMap(namespace(), name);
                if (configMap.isEmpty() && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                    throw new ConfigUnavailableException("configmap \"" + name + "\" not found");
                }
                configMap.map(ConfigMap::getData).ifPresent(data -> data.forEach((key, value) -> env.put(prefix + key, value)));
            }
            if (from.getSecretRef() != null) {
                String name = from.getSecretRef().getName();
                Optional<Secret> secret = sources.secret(namespace(), name);
                if (secret.isEmpty() && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                    throw new ConfigUnavailableException("secret \"" + name + "\" not found");
                }
                secret.map(SecretData::of).ifPresent(data -> data.forEach((key, value) ->
                    env.put(prefix + key, new String(value, StandardCharsets.UTF_8))));
            }
        }
        for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            String value = variable.getValueFrom() == null
                ? expand(variable.getValue() == null ? "" : variable.getValue(), env) : valueFrom(container, variable);
            if (value != null) {
                env.put(variable.getName(), value);
            }
        }
        return env;
    }

    /** Replaces {@code $(NAME)} by the variable's value; unknown references stay as written, {@code $$} is a dollar. */
    public static String expand(String text, Map<String, String> env) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(1) == null ? "$"
                : env.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The value of a {@code valueFrom} variable, or null when an optional source is missing. */
    private String valueFrom(Container container, EnvVar variable) throws ConfigUnavailableException {
        var from = variable.getValueFrom();
        if (from.getConfigMapKeyRef() != null) {
            return configMapKey(from.getConfigMapKeyRef());
        }
        if (from.getSecretKeyRef() != null) {
            return secretKey(from.getSecretKeyRef());
        }
        if (from.getFieldRef() != null) {
            return field(from.getFieldRef().getFieldPath());
        }
        if (from.getResourceFieldRef() != null) {
            return resource(container, from.getResourceFieldRef());
        }
        throw new ConfigUnavailableException("environment variable " + variable.getName() + ": valueFrom has no source");
    }

    private String resource(Container container, ResourceFieldSelector selector) throws ConfigUnavailableException {
        return DownwardApi.resource(pod, container, selector, allocatable);
    }

    private String configMapKey(ConfigMapKeySelector selector) throws ConfigUnavailableException {
        boolean optional = Boolean.TRUE.equals(selector.getOptional());
        Optional<ConfigMap> configMap = sources.configMap(namespace(), selector.getName());
        if (configMap.isEmpty()) {
            return missing(optional, "configmap \"" + selector.getName() + "\" not found");
        }
        Map<String, String> data = Optional.ofNullable(configMap.get().getData()).orElse(Map.of());
        return data.containsKey(selector.getKey()) ? data.get(selector.getKey()) : missing(optional,
            "couldn't find key " + selector.getKey() + " in ConfigMap " + namespace() + "/" + selector.getName());
    }

    private String secretKey(SecretKeySelector selector) throws ConfigUnavailableException {
        boolean optional = Boolean.TRUE.equals(selector.getOptional());
        Optional<Secret> secret = sources.secret(namespace(), selector.getName());
        if (secret.isEmpty()) {
            return missing(optional, "secret \"" + selector.getName() + "\" not found");
        }
        byte[] value = SecretData.of(secret.get()).get(selector.getKey());
        return value != null ? new String(value, StandardCharsets.UTF_8) : missing(optional,
            "couldn't find key " + selector.getKey() + " in Secret " + namespace() + "/" + selector.getName());
    }

    private static String missing(boolean optional, String message) throws ConfigUnavailableException {
        if (optional) {
            return null;
        }
        throw new ConfigUnavailableException(message);
    }

    /** The downward API's pod fields. */
    private String field(String path) throws ConfigUnavailableException {
        return DownwardApi.field(pod, path, podIp, hostIp);
    }

    private String namespace() {
        return pod.getMetadata().getNamespace();
    }
}
