package dev.keel.api.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a kind's {@code scale} subresource reads and writes replicas: the autoscaling/v1 Scale view of an object, and
 * the object with new desired replicas. Built-in kinds use {@link BuiltinScale}; a custom kind would read the paths
 * its CustomResourceDefinition names (specReplicasPath, statusReplicasPath, labelSelectorPath).
 */
public interface ScaleAccess {

    /** The autoscaling/v1 Scale of {@code object} (name, namespace, uid, resourceVersion, creationTimestamp kept). */
    ObjectNode toScale(ObjectNode object);

    /** A copy of {@code object} asking for {@code replicas}. */
    ObjectNode withReplicas(ObjectNode object, int replicas);
}
