package dev.keel.node.probe;

/** What one probe run found; {@code message} says why it failed (empty on success). */
public record ProbeOutcome(boolean success, String message) {

    public static ProbeOutcome passed() {
        return new ProbeOutcome(true, "");
    }

    public static ProbeOutcome failed(String message) {
        return new ProbeOutcome(false, message);
    }
}
