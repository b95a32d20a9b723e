package dev.keel.api.admission.allocation;

import java.util.Optional;

/** Reads what a stored service currently holds, to decide whether a value it dropped can be freed. */
public interface ServiceLookup {

    /** The service as stored now, or empty when there is none. */
    Optional<ServiceHoldings> find(String namespace, String name);
}
