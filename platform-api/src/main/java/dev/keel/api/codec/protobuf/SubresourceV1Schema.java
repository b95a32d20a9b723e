package dev.keel.api.codec.protobuf;

/**
 * The bodies of the pod and workload subresources platform-api serves: policy/v1 Eviction and autoscaling/v1 Scale
 * (core/v1 Binding lives with the core kinds). Conventions of {@link SchemaBuilder}.
 */
final class SubresourceV1Schema {

    private static final String POLICY = """
            Eviction: 1 metadata meta.ObjectMeta; 2 deleteOptions meta.DeleteOptions
            """;

    private static final String AUTOSCALING = """
            Scale: 1 metadata meta.ObjectMeta; 2 spec ScaleSpec; 3 status ScaleStatus
            ScaleSpec: 1 replicas int32
            ScaleStatus: 1 replicas int32!; 2 selector string
            """;

    private SubresourceV1Schema() {
    }

    static void register(SchemaBuilder schema) {
        schema.messages("policy", POLICY);
        schema.messages("autoscaling", AUTOSCALING);
        // kubectl up to 1.21 (and clients told so by discovery) send policy/v1beta1 Evictions: the same message.
        schema.kind("policy/v1", "Eviction", "policy.Eviction")
                .kind("policy/v1beta1", "Eviction", "policy.Eviction")
                .kind("autoscaling/v1", "Scale", "autoscaling.Scale");
    }
}
