package dev.keel.api.status;

import io.fabric8.kubernetes.api.model.Status;

/** A request that fails with a Kubernetes {@link Status}; the HTTP code is {@code status.code}. */
public class ApiException extends RuntimeException {

    private final transient Status status;

    public ApiException(Status status) {
        this(status, null);
    }

    public ApiException(Status status, Throwable cause) {
        super(status.getMessage(), cause);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.getCode();
    }
}
