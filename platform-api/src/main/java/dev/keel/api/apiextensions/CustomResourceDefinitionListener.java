package dev.keel.api.apiextensions;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

/**
 * Told when a CustomResourceDefinition becomes servable and when it is gone. Spring beans implementing this are
 * found by {@link CustomResourceDefinitions} when it starts; others register with
 * {@link CustomResourceDefinitions#addListener}. Calls come from one thread, in the order the changes were stored.
 */
public interface CustomResourceDefinitionListener {

    /**
     * The CRD is Established (its names accepted), or changed while established: serve its versions (an upsert;
     * may be called again for the same CRD). While it is being deleted ({@code metadata.deletionTimestamp} set)
     * its objects are still served, so their finalizers can be removed, but new ones should be refused.
     */
    void established(CustomResourceDefinition crd);

    /** The CRD is gone from storage (its objects were deleted first): stop serving its kind. */
    void removed(CustomResourceDefinition crd);
}
