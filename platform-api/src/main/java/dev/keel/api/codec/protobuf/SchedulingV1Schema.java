package dev.keel.api.codec.protobuf;

/** k8s.io.api.scheduling.v1 (priority classes). Conventions of {@link SchemaBuilder}. */
final class SchedulingV1Schema {

    private static final String SCHEDULING = """
            PriorityClass: 1 metadata meta.ObjectMeta; 2 value int32!; 3 globalDefault bool; 4 description string
              5 preemptionPolicy string!
            """;

    private SchedulingV1Schema() {
    }

    static void register(SchemaBuilder schema) {
        schema.messages("scheduling", SCHEDULING);
        schema.kind("scheduling.k8s.io/v1", "PriorityClass", "scheduling.PriorityClass");
    }
}
