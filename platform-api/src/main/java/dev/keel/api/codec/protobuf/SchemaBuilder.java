package dev.keel.api.codec.protobuf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ProtoSchema} from compact text, one message per line:
 *
 * <pre>
 * Container: 1 name string!; 2 image string; 6 ports ContainerPort[]
 *   8 resources ResourceRequirements; 10 livenessProbe Probe
 * </pre>
 *
 * A field is {@code number jsonName type}; the type is a scalar ({@code string int32 int64 bool double bytes}), a
 * Kubernetes value type ({@code Time MicroTime Quantity IntOrString FieldsV1}) or a message, plain for the same
 * package or {@code alias.Name} for another. {@code []} makes it a list, {@code {}} a map with string keys. A trailing
 * {@code !} keeps zero values (Go pointer or no {@code omitempty}); a trailing {@code ~} inlines the message's fields
 * into the parent (Go {@code json:",inline"}). Lines starting with a digit continue the previous message, {@code #}
 * starts a comment line.
 */
final class SchemaBuilder {

    private static final Map<String, String> PACKAGES = Map.of(
            "meta", "k8s.io.apimachinery.pkg.apis.meta.v1",
            "core", "k8s.io.api.core.v1",
            "apps", "k8s.io.api.apps.v1",
            "batch", "k8s.io.api.batch.v1",
            "coordination", "k8s.io.api.coordination.v1",
            "discovery", "k8s.io.api.discovery.v1",
            "policy", "k8s.io.api.policy.v1",
            "autoscaling", "k8s.io.api.autoscaling.v1",
            "scheduling", "k8s.io.api.scheduling.v1",
            "admissionregistration", "k8s.io.api.admissionregistration.v1");

    private final Map<String, MessageSpec> messages = new LinkedHashMap<>();
    private final Map<String, String> kinds = new HashMap<>();

    /** Adds the messages of one package, written as described above. */
    SchemaBuilder messages(String packageAlias, String text) {
        String pkg = packageName(packageAlias);
        String current = null;
        List<FieldSpec> fields = new ArrayList<>();
        for (String rawLine : text.split("\n")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!Character.isDigit(line.charAt(0))) {
                int colon = line.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("schema line is neither a message nor a continuation: " + line);
                }
                if (current != null) {
                    add(new MessageSpec(current, fields));
                }
                current = pkg + "." + line.substring(0, colon).strip();
                fields = new ArrayList<>();
                line = line.substring(colon + 1);
            } else if (current == null) {
                throw new IllegalArgumentException("schema continuation line before any message: " + line);
            }
            for (String field : line.split(";")) {
                if (!field.isBlank()) {
                    fields.add(field(pkg, current, field.strip()));
                }
            }
        }
        if (current != null) {
            add(new MessageSpec(current, fields));
        }
        return this;
    }

    /** Whether a message of the package is defined already (for messages two schema files share). */
    boolean defines(String packageAlias, String message) {
        return messages.containsKey(packageName(packageAlias) + "." + message);
    }

    /** Maps a top-level kind (as named by the envelope's apiVersion and kind) to its message. */
    SchemaBuilder kind(String apiVersion, String kind, String message) {
        kinds.put(ProtoSchema.kindKey(apiVersion, kind), qualified("", message));
        return this;
    }

    /** The schema; fails when a field or kind names a message that was never defined. */
    ProtoSchema build() {
        for (MessageSpec message : messages.values()) {
            for (FieldSpec field : message.fields()) {
                if (field.type() == ValueType.MESSAGE && !messages.containsKey(field.messageName())) {
                    throw new IllegalStateException(message.name() + "." + field.jsonName() + " names the unknown message "
                            + field.messageName());
                }
            }
        }
        kinds.forEach((kind, message) -> {
            if (!messages.containsKey(message)) {
                throw new IllegalStateException("kind " + kind + " names the unknown message " + message);
            }
        });
        return new ProtoSchema(messages, kinds);
    }

    private void add(MessageSpec message) {
        if (messages.put(message.name(), message) != null) {
            throw new IllegalArgumentException("message " + message.name() + " is defined twice");
        }
    }

    private static FieldSpec field(String pkg, String message, String text) {
        String[] parts = text.split("\\s+");
        if (parts.length != 3) {
            throw new IllegalArgumentException(message + ": a field needs a number, a name and a type: " + text);
        }
        int number = Integer.parseInt(parts[0]);
        String type = parts[2];
        boolean keepZero = type.endsWith("!");
        boolean inline = type.endsWith("~");
        if (keepZero || inline) {
            type = type.substring(0, type.length() - 1);
        }
        Cardinality cardinality = Cardinality.SINGLE;
        if (type.endsWith("[]")) {
            cardinality = Cardinality.LIST;
        } else if (type.endsWith("{}")) {
            cardinality = Cardinality.MAP;
        }
        if (cardinality != Cardinality.SINGLE) {
            type = type.substring(0, type.length() - 2);
        }
        ValueType valueType = ValueType.named(type);
        String messageName = null;
        if (valueType == null) {
            valueType = ValueType.MESSAGE;
            messageName = qualified(pkg, type);
        }
        if (inline && (valueType != ValueType.MESSAGE || cardinality != Cardinality.SINGLE)) {
            throw new IllegalArgumentException(message + ": only a single message can be inlined: " + text);
        }
        return new FieldSpec(number, parts[1], valueType, messageName, cardinality, keepZero, inline);
    }

    private static String qualified(String pkg, String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? pkg + "." + name : packageName(name.substring(0, dot)) + name.substring(dot);
    }

    private static String packageName(String alias) {
        String pkg = PACKAGES.get(alias);
        if (pkg == null) {
            throw new IllegalArgumentException("unknown package alias " + alias);
        }
        return pkg;
    }
}
