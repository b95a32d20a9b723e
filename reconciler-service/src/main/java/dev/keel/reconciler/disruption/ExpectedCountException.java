package dev.keel.reconciler.disruption;

/** The number of pods a budget expects cannot be known (a selected pod whose controller is missing). */
public class ExpectedCountException extends RuntimeException {

    public ExpectedCountException(String message) {
        super(message);
    }
}
