package dev.keel.api.codec.protobuf;

/** k8s.io.api.core.v1's namespace policy kinds: ResourceQuota and LimitRange. Conventions of {@link SchemaBuilder}. */
final class CoreV1PolicySchema {

    private static final String MESSAGES = """
            ResourceQuota: 1 metadata meta.ObjectMeta; 2 spec ResourceQuotaSpec; 3 status ResourceQuotaStatus
            ResourceQuotaSpec: 1 hard Quantity{}; 2 scopes string[]; 3 scopeSelector ScopeSelector
            ScopeSelector: 1 matchExpressions ScopedResourceSelectorRequirement[]
            ScopedResourceSelectorRequirement: 1 scopeName string!; 2 operator string!; 3 values string[]
            ResourceQuotaStatus: 1 hard Quantity{}; 2 used Quantity{}
            LimitRange: 1 metadata meta.ObjectMeta; 2 spec LimitRangeSpec
            LimitRangeSpec: 1 limits LimitRangeItem[]
            LimitRangeItem: 1 type string!; 2 max Quantity{}; 3 min Quantity{}; 4 default Quantity{}
              5 defaultRequest Quantity{}; 6 maxLimitRequestRatio Quantity{}
            """;

    private CoreV1PolicySchema() {
    }

    static void register(SchemaBuilder schema) {
        schema.messages("core", MESSAGES);
        schema.kind("v1", "ResourceQuota", "core.ResourceQuota")
                .kind("v1", "LimitRange", "core.LimitRange");
    }
}
