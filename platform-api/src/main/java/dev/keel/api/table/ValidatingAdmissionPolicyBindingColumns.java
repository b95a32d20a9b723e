package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME POLICYNAME PARAMREF AGE, as kubectl shows ValidatingAdmissionPolicyBindings. */
@Component
public class ValidatingAdmissionPolicyBindingColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("PolicyName", "PolicyName references a ValidatingAdmissionPolicy name which the "
                    + "ValidatingAdmissionPolicyBinding binds to"),
            ColumnDefinition.string("ParamRef", "ParamRef specifies the parameter resource used to configure the "
                    + "admission control policy"),
            ColumnDefinition.ageColumn());

    @Override
    public String kind() {
        return "ValidatingAdmissionPolicyBinding";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode binding, Instant now) {
        JsonNode spec = binding.path("spec");
        return List.of(JsonFields.name(binding), JsonFields.text(spec.path("policyName")), paramRef(spec.path("paramRef")),
                JsonFields.age(binding, now));
    }

    /** {@code ns/name}; a star for the namespace when the request's namespace is used; or the selector. */
    private static String paramRef(JsonNode ref) {
        if (!ref.isObject()) {
            return JsonFields.UNSET;
        }
        String name = ref.path("name").asText("");
        if (!name.isEmpty()) {
            String namespace = ref.path("namespace").asText("");
            return (namespace.isEmpty() ? "*" : namespace) + "/" + name;
        }
        if (ref.path("selector").isObject()) {
            return LabelText.selector(ref.path("selector"));
        }
        return JsonFields.UNSET;
    }
}
