package dev.keel.node.config;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The downward API's values, shared by environment variables and downwardAPI volume files: pod fields and container
 * resources, formatted as the kubelet writes them.
 */
public final class DownwardApi {

    private static final Pattern LABEL_OR_ANNOTATION = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

    private DownwardApi() {
    }

    /**
     * A pod field. {@code podIp} and {@code hostIp} are what status.podIP and status.hostIP report (the status may
     * not say so yet when the first container starts). {@code metadata.labels} and {@code metadata.annotations}
     * (volumes only) are {@code key="value"} lines sorted by key.
     */
    public static String field(Pod pod, String path, String podIp, String hostIp) throws ConfigUnavailableException {
        var meta = pod.getMetadata();
        Matcher keyed = LABEL_OR_ANNOTATION.matcher(path);
        if (keyed.matches()) {
            Map<String, String> map = "labels".equals(keyed.group(1)) ? meta.getLabels() : meta.getAnnotations();
            return map == null ? "" : map.getOrDefault(keyed.group(2), "");
        }
        return switch (path) {
            case "metadata.name" -> meta.getName();
            case "metadata.namespace" -> meta.getNamespace();
            case "metadata.uid" -> meta.getUid();
            case "metadata.labels" -> formatMap(meta.getLabels());
            case "metadata.annotations" -> formatMap(meta.getAnnotations());
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> Optional.ofNullable(pod.getSpec().getServiceAccountName()).orElse("");
            case "status.podIP", "status.podIPs" -> Optional.ofNullable(podIp).orElse("");
            case "status.hostIP", "status.hostIPs" -> Optional.ofNullable(hostIp).orElse("");
            default -> throw new ConfigUnavailableException("unsupported fieldRef " + path);
        };
    }

    /**
     * A request or limit of a container divided by the divisor and rounded up, as the kubelet reports it. The
     * container is the one the selector names, else {@code current} (env only: a volume must name it). An unset limit
     * is the node's allocatable amount, an unset request zero.
     */
    public static String resource(Pod pod, Container current, ResourceFieldSelector selector,
        Map<String, Quantity> allocatable) throws ConfigUnavailableException {
        Container target = current;
        String named = selector.getContainerName();
        if (named != null && !named.isEmpty()) {
            target = Stream.concat(pod.getSpec().getContainers().stream(),
                    Optional.ofNullable(pod.getSpec().getInitContainers()).orElse(List.of()).stream())
                .filter(candidate -> named.equals(candidate.getName())).findFirst()
                .orElseThrow(() -> new ConfigUnavailableException("resourceFieldRef: no container named " + named));
        }
        if (target == null) {
            throw new ConfigUnavailableException("resourceFieldRef " + selector.getResource() + ": containerName is required");
        }
        String[] parts = selector.getResource() == null ? new String[0] : selector.getResource().split("\\.", 2);
        if (parts.length != 2 || !parts[0].equals("limits") && !parts[0].equals("requests")) {
            throw new ConfigUnavailableException("unsupported resourceFieldRef " + selector.getResource());
        }
        var requirements = target.getResources();
        Map<String, Quantity> declared = requirements == null ? null
            : parts[0].equals("limits") ? requirements.getLimits() : requirements.getRequests();
        Quantity value = declared == null ? null : declared.get(parts[1]);
        if (value == null && parts[0].equals("limits")) {
            value = allocatable.get(parts[1]);
        }
        BigDecimal amount = value == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(value);
        BigDecimal divisor = selector.getDivisor() == null || selector.getDivisor().getAmount() == null
            ? BigDecimal.ONE : Quantity.getAmountInBytes(selector.getDivisor());
        if (divisor.signum() <= 0) {
            divisor = BigDecimal.ONE;
        }
        return amount.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    /** {@code key="value"} lines sorted by key, values quoted as Go's %q does, no newline after the last. */
    public static String formatMap(Map<String, String> map) {
        if (map == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(map).forEach((key, value) -> {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(key).append('=').append(quote(value == null ? "" : value));
        });
        return out.toString();
    }

    /** Double-quoted with Go's escapes for quotes, backslashes and control characters. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else if (c >= 0x80 && c < 0xa0) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
