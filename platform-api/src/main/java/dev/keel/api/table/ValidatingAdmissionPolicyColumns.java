package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME VALIDATIONS PARAMKIND AGE, as kubectl shows ValidatingAdmissionPolicies. */
@Component
public class ValidatingAdmissionPolicyColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.integer("Validations", "Validations indicates the number of validation rules defined in this configuration"),
            ColumnDefinition.string("ParamKind", "ParamKind specifies the kind of resources used to parameterize this policy"),
            ColumnDefinition.ageColumn());

    @Override
    public String kind() {
        return "ValidatingAdmissionPolicy";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode policy, Instant now) {
        JsonNode paramKind = policy.path("spec").path("paramKind");
        String param = paramKind.isObject()
                ? paramKind.path("apiVersion").asText("") + "/" + paramKind.path("kind").asText("")
                : JsonFields.UNSET;
        return List.of(JsonFields.name(policy), (long) JsonFields.size(policy.path("spec").path("validations")), param,
                JsonFields.age(policy, now));
    }
}
