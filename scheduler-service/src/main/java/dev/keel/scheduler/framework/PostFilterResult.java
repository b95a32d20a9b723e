package dev.keel.scheduler.framework;

/**
 * What a post-filter achieved.
 *
 * @param status        success when room was made
 * @param nominatedNode the node the pod should fit on once the victims are gone; null unless success
 */
public record PostFilterResult(Status status, String nominatedNode) {

    public static PostFilterResult nominated(String node) {
        return new PostFilterResult(Status.success(), node);
    }

    public static PostFilterResult failed(Status status) {
        return new PostFilterResult(status, null);
    }
}
