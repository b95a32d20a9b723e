package dev.keel.api.admission.webhook;

/**
 * A webhook could not be called or answered something unusable: its failure policy decides what happens. The
 * message is kube-apiserver's reason text after {@code failed calling webhook "x": }.
 */
class WebhookCallException extends RuntimeException {

    WebhookCallException(String message) {
        super(message);
    }

    WebhookCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
