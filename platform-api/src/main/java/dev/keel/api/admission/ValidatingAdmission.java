package dev.keel.api.admission;

/** Checks an object after mutation; problems are reported as field errors, never by changing it. */
public interface ValidatingAdmission {

    /** Adds one entry to {@code errors} per problem; an empty list admits the request. */
    void validate(AdmissionRequest request, FieldErrors errors);

    /** The name {@link AdmissionPlugins} orders the plugin by, and logs name it by. */
    default String name() {
        return getClass().getSimpleName();
    }
}
