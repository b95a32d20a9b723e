package dev.keel.api.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * When an update moves {@code metadata.generation}, judged on the admitted object against the stored one. Built-in
 * kinds move it when the spec changes; a kind built at runtime may pass its own rule (a custom resource without a
 * status subresource, for instance, counts every change outside metadata in Kubernetes).
 */
@FunctionalInterface
public interface GenerationRule {

    /** Kubernetes' rule for built-in kinds: the generation moves when {@code spec} changed. */
    GenerationRule SPEC_CHANGES = (current, updated) -> !ObjectPreparation.sameTree(current.get("spec"), updated.get("spec"));

    /** Whether the write from {@code current} to {@code updated} is a new generation. */
    boolean moves(ObjectNode current, ObjectNode updated);
}
