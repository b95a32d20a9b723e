package dev.keel.reconciler.disruption;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Optional;

/** Finds the scale of the controller an ownerReference names, if it is of a kind the finder knows. */
@FunctionalInterface
public interface ScaleFinder {

    Optional<ControllerScale> find(OwnerReference controller, String namespace);
}
