package dev.keel.api.admission.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.security.UserInfo;
import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The ValidatingAdmissionPolicy admission plugin (Kubernetes' plugin/policy/validating dispatcher): every policy whose
 * matchConstraints match the request, with each of its bindings whose matchResources match, is evaluated per param;
 * a failed validation is acted on as the binding's validationActions say: Deny refuses the request with Kubernetes'
 * status (reason Invalid, 422, unless the validation names another reason) and words ({@code deployments.apps "web" is
 * forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: <message>}); Warn adds a {@code Warning}
 * header ({@code Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': <message>}); Audit is only
 * logged (keel has no audit log yet). Errors (evaluation, params, configuration) deny under failurePolicy Fail and are
 * ignored under Ignore. Policies and bindings come from watch-fed caches; the admissionregistration.k8s.io
 * configuration kinds themselves are never subject to policies, as in Kubernetes.
 */
public class PolicyAdmission implements ValidatingAdmission {

    private static final Logger log = LoggerFactory.getLogger(PolicyAdmission.class);
    private static final String GROUP = "admissionregistration.k8s.io";
    private static final Set<String> EXEMPT = Set.of("validatingadmissionpolicies", "validatingadmissionpolicybindings",
            "mutatingadmissionpolicies", "mutatingadmissionpolicybindings", "validatingwebhookconfigurations",
            "mutatingwebhookconfigurations");

    private final WatchedObjects policies;
    private final WatchedObjects bindings;
    private final ObjectCodec codec;
    private final ObjectStorage storage;
    private final ResourceType namespaces;
    private final PolicyParams params;
    private final Map<String, CompiledPolicy> compiled = new ConcurrentHashMap<>();

    public PolicyAdmission(WatchedObjects policies, WatchedObjects bindings, ObjectCodec codec, ObjectStorage storage,
            ResourceRegistry registry) {
        this.policies = policies;
        this.bindings = bindings;
        this.codec = codec;
        this.storage = storage;
        this.namespaces = registry.find("", "v1", "namespaces").orElseThrow();
        this.params = new PolicyParams(storage, registry);
    }

    private record Denial(String policy, String binding, String message, String reason) {
    }

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        // An invalid object is refused for that first, as Kubernetes validates before validating admission.
        if (!errors.isEmpty() || exempt(request.type()) || bindings.all().isEmpty()) {
            return;
        }
        PolicyRequest policyRequest = new PolicyRequest(request, currentUser(), this::namespace);
        List<Denial> denials = new ArrayList<>();
        List<ObjectNode> policyObjects = new ArrayList<>(policies.all());
        policyObjects.sort(Comparator.comparing(p -> p.path("metadata").path("name").asText()));
        for (ObjectNode policyObject : policyObjects) {
            List<ValidatingAdmissionPolicyBinding> bound = bindingsOf(policyObject.path("metadata").path("name").asText());
            if (bound.isEmpty()) {
                continue;
            }
            CompiledPolicy policy;
            try {
                policy = compiled(policyObject);
                if (policy.policy().getSpec() == null
                        || !ResourceMatching.matches(policy.policy().getSpec().getMatchConstraints(), policyRequest)) {
                    continue;
                }
            } catch (RuntimeException e) {
                // A stored policy keel cannot read (it was validated when written): logged, never a 500 for the write.
                log.warn("ValidatingAdmissionPolicy {} skipped: {}", policyObject.path("metadata").path("name").asText(),
                        e.toString());
                continue;
            }
            if (policy.policy().getSpec().getParamKind() != null) {
                try {
                    params.paramType(policy.policy().getSpec().getParamKind());
                } catch (PolicyParams.ConfigurationError e) {
                    configurationError(denials, policy, null, "failed to configure policy: " + e.getMessage());
                    continue;
                }
            }
            for (ValidatingAdmissionPolicyBinding binding : bound) {
                if (binding.getSpec() != null) {
                    evaluate(policy, binding, policyRequest, denials);
                }
            }
        }
        if (!denials.isEmpty()) {
            throw denied(request, policyRequest, denials.get(0));
        }
    }

    private void evaluate(CompiledPolicy policy, ValidatingAdmissionPolicyBinding binding, PolicyRequest request,
            List<Denial> denials) {
        String bindingName = binding.getMetadata().getName();
        if (!ResourceMatching.matches(binding.getSpec().getMatchResources(), request)) {
            return;
        }
        List<ObjectNode> found;
        try {
            found = params.collect(policy.policy().getSpec().getParamKind(), binding.getSpec().getParamRef(),
                    request.namespaceName());
        } catch (PolicyParams.ConfigurationError e) {
            configurationError(denials, policy, bindingName, "failed to configure binding: " + e.getMessage());
            return;
        }
        List<String> actions = binding.getSpec().getValidationActions() == null ? List.of()
                : binding.getSpec().getValidationActions();
        for (ObjectNode param : found) {
            for (CompiledPolicy.Decision decision : policy.evaluate(request, param == null ? null : CelValues.of(param))) {
                if (decision.action() != CompiledPolicy.Action.DENY) {
                    if (decision.error()) {
                        log.info("ValidatingAdmissionPolicy {} with binding {} ignored an error (failurePolicy Ignore): {}",
                                policy.name(), bindingName, decision.message());
                    }
                    continue;
                }
                for (String action : actions) {
                    switch (action) {
                        case "Deny" -> denials.add(new Denial(policy.name(), bindingName, decision.message(), decision.reason()));
                        case "Warn" -> warn("Validation failed for ValidatingAdmissionPolicy '" + policy.name()
                                + "' with binding '" + bindingName + "': " + decision.message());
                        case "Audit" -> log.info("Audit: ValidatingAdmissionPolicy {} with binding {} failed validation of "
                                + "{} {}: {}", policy.name(), bindingName, request.type().plural(), request.name(),
                                decision.message());
                        default -> log.warn("Binding {} names the unknown validation action {}", bindingName, action);
                    }
                }
            }
        }
    }

    private static void configurationError(List<Denial> denials, CompiledPolicy policy, String binding, String message) {
        if (policy.failOpen()) {
            log.info("ValidatingAdmissionPolicy {} ignored (failurePolicy Ignore): {}", policy.name(), message);
            return;
        }
        denials.add(new Denial(policy.name(), binding, message, null));
    }

    private List<ValidatingAdmissionPolicyBinding> bindingsOf(String policyName) {
        List<ValidatingAdmissionPolicyBinding> bound = new ArrayList<>();
        for (ObjectNode binding : bindings.all()) {
            if (policyName.equals(binding.path("spec").path("policyName").asText())) {
                bound.add(codec.convert(binding, ValidatingAdmissionPolicyBinding.class));
            }
        }
        bound.sort(Comparator.comparing(b -> b.getMetadata().getName()));
        return bound;
    }

    private CompiledPolicy compiled(ObjectNode policyObject) {
        String name = policyObject.path("metadata").path("name").asText();
        String version = policyObject.path("metadata").path("resourceVersion").asText();
        CompiledPolicy current = compiled.get(name);
        if (current == null || !version.equals(current.resourceVersion())) {
            current = new CompiledPolicy(codec.convert(policyObject, ValidatingAdmissionPolicy.class));
            compiled.put(name, current);
            compiled.keySet().removeIf(known -> policies.get(known) == null);
        }
        return current;
    }

    private JsonNode namespace(String name) {
        return storage.get(namespaces, null, name).map(stored -> (JsonNode) stored.object()).orElse(null);
    }

    static boolean exempt(ResourceType type) {
        return type.group().equals(GROUP) && EXEMPT.contains(type.plural());
    }

    private static ApiException denied(AdmissionRequest request, PolicyRequest policyRequest, Denial denial) {
        String message = denial.binding() == null
                ? "ValidatingAdmissionPolicy '" + denial.policy() + "' denied request: " + denial.message()
                : "ValidatingAdmissionPolicy '" + denial.policy() + "' with binding '" + denial.binding()
                        + "' denied request: " + denial.message();
        ResourceType type = request.type();
        String resource = type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
        String reason = denial.reason() == null || denial.reason().isEmpty() ? "Invalid" : denial.reason();
        StatusCause cause = new StatusCause();
        cause.setMessage(message);
        Status status = new StatusBuilder()
                .withStatus("Failure")
                .withMessage(resource + " \"" + policyRequest.name() + "\" is forbidden: " + message)
                .withReason(reason)
                .withCode(code(reason))
                .withNewDetails().withName(policyRequest.name()).withGroup(type.group()).withKind(type.plural())
                .withCauses(cause).endDetails()
                .build();
        status.setApiVersion("v1");
        status.setKind("Status");
        return new ApiException(status);
    }

    /** Kubernetes' reasonToCode for the reasons a validation may name. */
    private static int code(String reason) {
        return switch (reason) {
            case "Forbidden" -> 403;
            case "Unauthorized" -> 401;
            case "RequestEntityTooLarge" -> 413;
            case "Invalid" -> 422;
            default -> 500;
        };
    }

    private static UserInfo currentUser() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? UserInfo.of(attributes.getRequest()).orElse(null) : null;
    }

    /** A {@code Warning: 299 - "..."} header on the answer of the request being admitted, as kube-apiserver sends. */
    private static void warn(String text) {
        RequestAttributes current = RequestContextHolder.getRequestAttributes();
        if (current instanceof ServletRequestAttributes attributes && attributes.getResponse() != null) {
            attributes.getResponse().addHeader("Warning",
                    "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        } else {
            log.info("Warning outside of an HTTP request: {}", text);
        }
    }
}
