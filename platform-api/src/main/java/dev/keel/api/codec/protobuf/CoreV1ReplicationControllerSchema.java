package dev.keel.api.codec.protobuf;

/** k8s.io.api.core.v1 ReplicationController. Conventions of {@link SchemaBuilder}. */
final class CoreV1ReplicationControllerSchema {

    private static final String CORE = """
            ReplicationController: 1 metadata meta.ObjectMeta; 2 spec ReplicationControllerSpec
              3 status ReplicationControllerStatus
            ReplicationControllerSpec: 1 replicas int32!; 4 minReadySeconds int32; 2 selector string{}
              3 template PodTemplateSpec
            ReplicationControllerStatus: 1 replicas int32!; 2 fullyLabeledReplicas int32; 4 readyReplicas int32
              5 availableReplicas int32; 3 observedGeneration int64; 6 conditions ReplicationControllerCondition[]
            ReplicationControllerCondition: 1 type string!; 2 status string!; 3 lastTransitionTime Time
              4 reason string; 5 message string
            """;

    private CoreV1ReplicationControllerSchema() {
    }

    static void register(SchemaBuilder schema) {
        schema.messages("core", CORE);
        schema.kind("v1", "ReplicationController", "core.ReplicationController");
    }
}
