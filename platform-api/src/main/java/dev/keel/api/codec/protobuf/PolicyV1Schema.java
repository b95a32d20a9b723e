package dev.keel.api.codec.protobuf;

/**
 * k8s.io.api.policy.v1 PodDisruptionBudget (the Eviction body lives with the subresources). Conventions of
 * {@link SchemaBuilder}.
 */
final class PolicyV1Schema {

    private static final String POLICY = """
            PodDisruptionBudget: 1 metadata meta.ObjectMeta; 2 spec PodDisruptionBudgetSpec
              3 status PodDisruptionBudgetStatus
            PodDisruptionBudgetSpec: 1 minAvailable IntOrString; 2 selector meta.LabelSelector
              3 maxUnavailable IntOrString; 4 unhealthyPodEvictionPolicy string
            PodDisruptionBudgetStatus: 1 observedGeneration int64; 2 disruptedPods Time{}
              3 disruptionsAllowed int32!; 4 currentHealthy int32!; 5 desiredHealthy int32!; 6 expectedPods int32!
              7 conditions meta.Condition[]
            """;

    private PolicyV1Schema() {
    }

    static void register(SchemaBuilder schema) {
        schema.messages("policy", POLICY);
        schema.kind("policy/v1", "PodDisruptionBudget", "policy.PodDisruptionBudget");
    }
}
