package dev.keel.api.admission.cel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.validation.LabelSelectors;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The params of one binding for one request, read from etcd (a name is one read, a selector one list of a namespace):
 * paramRef.namespace, else the request's namespace for a namespaced paramKind; none found is an error under
 * parameterNotFoundAction Deny and no evaluation under Allow. Built-in kinds only (ConfigMaps are the usual ones).
 */
final class PolicyParams {

    /** A binding or policy whose params cannot be had: the failure policy decides. */
    static final class ConfigurationError extends Exception {
        ConfigurationError(String message) {
            super(message, null, false, false);
        }
    }

    private final ObjectStorage storage;
    private final ResourceRegistry registry;

    PolicyParams(ObjectStorage storage, ResourceRegistry registry) {
        this.storage = storage;
        this.registry = registry;
    }

    /** The resource a paramKind names; a ConfigurationError (of the policy) when keel does not serve it. */
    ResourceType paramType(ParamKind kind) throws ConfigurationError {
        return registry.findByKind(kind.getApiVersion(), kind.getKind()).orElseThrow(() -> new ConfigurationError(
                "failed to find resource referenced by paramKind: '" + kind.getApiVersion() + ", Kind=" + kind.getKind() + "'"));
    }

    /** The params to evaluate with: a list holding null when the policy takes none, empty when none apply. */
    List<ObjectNode> collect(ParamKind kind, ParamRef ref, String requestNamespace) throws ConfigurationError {
        if (kind == null) {
            return Collections.singletonList(null);
        }
        ResourceType type = paramType(kind);
        if (ref == null) {
            throw new ConfigurationError("paramKind is set on the policy but the binding has no paramRef");
        }
        String namespace = ref.getNamespace() == null ? "" : ref.getNamespace();
        if (type.namespaced()) {
            if (namespace.isEmpty()) {
                namespace = requestNamespace;
            }
            if (namespace.isEmpty()) {
                throw new ConfigurationError("cannot use namespaced paramRef in policy binding that matches cluster-scoped resources");
            }
        } else if (!namespace.isEmpty()) {
            throw new ConfigurationError("paramRef.namespace must not be provided for a cluster-scoped `paramKind`");
        }
        String storedNamespace = type.namespaced() ? namespace : null;
        List<ObjectNode> params = new ArrayList<>();
        if (ref.getName() != null && !ref.getName().isEmpty()) {
            storage.get(type, storedNamespace, ref.getName()).ifPresent(stored -> params.add(stored.object()));
        } else if (ref.getSelector() != null) {
            for (StoredObject stored : storage.list(type, storedNamespace, null, 0, 0).items()) {
                if (LabelSelectors.matches(ref.getSelector(), labels(stored.object()))) {
                    params.add(stored.object());
                }
            }
        } else {
            throw new ConfigurationError("one of name or selector must be provided");
        }
        if (params.isEmpty() && "Deny".equals(ref.getParameterNotFoundAction())) {
            throw new ConfigurationError("no params found for policy binding with `Deny` parameterNotFoundAction");
        }
        return params;
    }

    private static Map<String, String> labels(ObjectNode object) {
        Map<String, String> labels = new HashMap<>();
        object.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
