package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What is particular to a kind when it is deleted, as kube-apiserver's graceful-delete strategies and the namespace
 * registry have it. The default ({@link #IMMEDIATE}): no grace period, only {@code metadata.finalizers} hold the
 * object.
 */
public interface DeletionRule {

    DeletionRule IMMEDIATE = new DeletionRule() {
    };

    /**
     * How long the object stays marked before it may go (Kubernetes' CheckGracefulDelete); 0 removes it at once
     * when no finalizer holds it.
     *
     * @param requested the client's {@code gracePeriodSeconds}, or null
     */
    default long gracePeriodSeconds(JsonNode object, Long requested) {
        return 0;
    }

    /** Whether a marked object waits for someone to confirm it may go (a node, for a pod's containers). */
    default boolean awaitsConfirmation(JsonNode object) {
        return false;
    }

    /** Whether something in the object besides {@code metadata.finalizers} holds it (a namespace's spec.finalizers). */
    default boolean heldBySpec(JsonNode object) {
        return false;
    }

    /** Changes the object as its deletion starts (a namespace turns Terminating). */
    default void deletionStarted(ObjectNode marked) {
    }
}
