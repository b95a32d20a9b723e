package dev.keel.api.codec.protobuf;

/**
 * k8s.io.api.admissionregistration.v1 webhook configurations (field numbers of k8s.io/api's generated.proto).
 * Conventions of {@link SchemaBuilder}.
 */
final class AdmissionRegistrationV1Schema {

    private static final String WEBHOOKS = """
            MutatingWebhookConfiguration: 1 metadata meta.ObjectMeta; 2 webhooks MutatingWebhook[]
            ValidatingWebhookConfiguration: 1 metadata meta.ObjectMeta; 2 webhooks ValidatingWebhook[]
            MutatingWebhook: 1 name string!; 2 clientConfig WebhookClientConfig; 3 rules RuleWithOperations[]
              4 failurePolicy string!; 9 matchPolicy string!; 5 namespaceSelector meta.LabelSelector
              11 objectSelector meta.LabelSelector; 6 sideEffects string!; 7 timeoutSeconds int32!
              8 admissionReviewVersions string[]; 10 reinvocationPolicy string!; 12 matchConditions MatchCondition[]
            ValidatingWebhook: 1 name string!; 2 clientConfig WebhookClientConfig; 3 rules RuleWithOperations[]
              4 failurePolicy string!; 9 matchPolicy string!; 5 namespaceSelector meta.LabelSelector
              10 objectSelector meta.LabelSelector; 6 sideEffects string!; 7 timeoutSeconds int32!
              8 admissionReviewVersions string[]; 11 matchConditions MatchCondition[]
            WebhookClientConfig: 3 url string!; 1 service ServiceReference; 2 caBundle bytes
            ServiceReference: 1 namespace string!; 2 name string!; 3 path string!; 4 port int32!
            RuleWithOperations: 1 operations string[]; 2 rule Rule~
            Rule: 1 apiGroups string[]; 2 apiVersions string[]; 3 resources string[]; 4 scope string!
            MatchCondition: 1 name string!; 2 expression string!
            """;

    private AdmissionRegistrationV1Schema() {
    }

    static void register(SchemaBuilder schema) {
        schema.messages("admissionregistration", WEBHOOKS);
        schema.kind("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration",
                "admissionregistration.MutatingWebhookConfiguration");
        schema.kind("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration",
                "admissionregistration.ValidatingWebhookConfiguration");
    }
}
