package dev.keel.api.codec.protobuf;

/**
 * k8s.io.api.admissionregistration.v1 ValidatingAdmissionPolicy and its binding (field numbers of k8s.io/api's
 * generated.proto). Conventions of {@link SchemaBuilder}. The rule and matchCondition messages are shared with the
 * webhook configurations: registered here only when the webhook schema has not registered them already.
 */
final class AdmissionPolicyV1Schema {

    private static final String POLICIES = """
            ValidatingAdmissionPolicy: 1 metadata meta.ObjectMeta; 2 spec ValidatingAdmissionPolicySpec
              3 status ValidatingAdmissionPolicyStatus
            ValidatingAdmissionPolicySpec: 1 paramKind ParamKind; 2 matchConstraints MatchResources
              3 validations Validation[]; 4 failurePolicy string!; 5 auditAnnotations AuditAnnotation[]
              6 matchConditions MatchCondition[]; 7 variables Variable[]
            ValidatingAdmissionPolicyStatus: 1 observedGeneration int64; 2 typeChecking TypeChecking
              3 conditions meta.Condition[]
            TypeChecking: 1 expressionWarnings ExpressionWarning[]
            ExpressionWarning: 2 fieldRef string!; 3 warning string!
            ParamKind: 1 apiVersion string; 2 kind string
            MatchResources: 1 namespaceSelector meta.LabelSelector; 2 objectSelector meta.LabelSelector
              3 resourceRules NamedRuleWithOperations[]; 4 excludeResourceRules NamedRuleWithOperations[]
              7 matchPolicy string!
            NamedRuleWithOperations: 1 resourceNames string[]; 2 ruleWithOperations RuleWithOperations~
            Validation: 1 expression string!; 2 message string; 3 reason string!; 4 messageExpression string
            Variable: 1 name string!; 2 expression string!
            AuditAnnotation: 1 key string!; 2 valueExpression string!
            ValidatingAdmissionPolicyBinding: 1 metadata meta.ObjectMeta; 2 spec ValidatingAdmissionPolicyBindingSpec
            ValidatingAdmissionPolicyBindingSpec: 1 policyName string; 2 paramRef ParamRef
              3 matchResources MatchResources; 4 validationActions string[]
            ParamRef: 1 name string; 2 namespace string; 3 selector meta.LabelSelector; 4 parameterNotFoundAction string!
            """;

    /** Also written by the webhook configurations' schema; whichever registers first defines them. */
    private static final String SHARED = """
            RuleWithOperations: 1 operations string[]; 2 rule Rule~
            Rule: 1 apiGroups string[]; 2 apiVersions string[]; 3 resources string[]; 4 scope string!
            MatchCondition: 1 name string!; 2 expression string!
            """;

    private AdmissionPolicyV1Schema() {
    }

    static void register(SchemaBuilder schema) {
        for (String message : SHARED.strip().split("\n")) {
            if (!schema.defines("admissionregistration", message.substring(0, message.indexOf(':')))) {
                schema.messages("admissionregistration", message);
            }
        }
        schema.messages("admissionregistration", POLICIES);
        schema.kind("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy",
                "admissionregistration.ValidatingAdmissionPolicy");
        schema.kind("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding",
                "admissionregistration.ValidatingAdmissionPolicyBinding");
    }
}
