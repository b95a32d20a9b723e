package dev.keel.api.testing.badinput;

/**
 * One way the server's answer differed from kube-apiserver's.
 *
 * @param category what went wrong
 * @param request  the request, described (index, family, method, path, body excerpt, expectation)
 * @param status   the status answered, 0 for none
 * @param detail   what was seen: the answer's message, the changed field, the failure
 */
public record Problem(Category category, String request, int status, String detail) {

    public enum Category {
        /** A 5xx answer. */
        SERVER_ERROR,
        /** The connection closed (or timed out) without an answer. */
        NO_ANSWER,
        /** Accepted although Kubernetes rejects it. */
        ACCEPTED_INVALID,
        /** Rejected although Kubernetes accepts it. */
        REJECTED_VALID,
        /** Rejected, with another code than Kubernetes'. */
        WRONG_STATUS,
        /** Rejected, yet stored state changed. */
        REJECTED_BUT_STORED,
        /** Accepted, and a field Kubernetes keeps (or the whole object, for a dry run) changed. */
        FIELD_CHANGED,
        /** Accepted, and the stored object holds a JSON null. */
        STORED_NULL,
        /** A rejection that is not a Kubernetes Status with that code, or whose message misses the field. */
        BAD_STATUS_BODY,
        /** A Warning header missing where Kubernetes sends one, or present where it sends none. */
        WARNING,
        /** The run could not set up what a request needs (e.g. its fixture object was refused). */
        SETUP
    }

    @Override
    public String toString() {
        return category + " (" + status + ") " + request + ": " + detail;
    }
}
