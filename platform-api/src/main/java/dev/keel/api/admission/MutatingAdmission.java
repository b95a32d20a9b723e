package dev.keel.api.admission;

/** Changes an object before it is validated and stored: defaulting, allocations. */
public interface MutatingAdmission {

    /** Applies to every request it is handed; implementations return early for kinds they do not handle. */
    void mutate(AdmissionRequest request);

    /** The name {@link AdmissionPlugins} orders the plugin by, and logs name it by. */
    default String name() {
        return getClass().getSimpleName();
    }
}
