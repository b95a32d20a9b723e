package dev.keel.api.admission.allocation;

/**
 * A value held in the store for an owner.
 *
 * @param value    the allocated value, e.g. {@code 10.96.0.12} or {@code 30080}
 * @param revision the mod revision of its key after the claim, to release it only if nobody touched it since
 * @param created  false when the owner already held it (an earlier update dropped it and has not released it yet)
 */
public record Claim(String value, long revision, boolean created) {
}
