package dev.keel.api.codec.protobuf;

/** The schema of every kind platform-api accepts as protobuf, built once. */
final class KubernetesSchema {

    private KubernetesSchema() {
    }

    static ProtoSchema get() {
        return Holder.SCHEMA;
    }

    private static final class Holder {
        private static final ProtoSchema SCHEMA = build();
    }

    private static ProtoSchema build() {
        SchemaBuilder schema = new SchemaBuilder();
        MetaV1Schema.register(schema);
        CoreV1Schema.register(schema);
        CoreV1PodSchema.register(schema);
        CoreV1VolumeSchema.register(schema);
        CoreV1PolicySchema.register(schema);
        AppsV1Schema.register(schema);
        BatchV1Schema.register(schema);
        CoordinationDiscoveryV1Schema.register(schema);
        SchedulingV1Schema.register(schema);
        SubresourceV1Schema.register(schema);
        PolicyV1Schema.register(schema);
        CoreV1ReplicationControllerSchema.register(schema);
        AdmissionRegistrationV1Schema.register(schema);
        // After the webhook configurations' schema, whose rule and matchCondition messages it reuses.
        AdmissionPolicyV1Schema.register(schema);
        return schema.build();
    }
}
