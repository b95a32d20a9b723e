package dev.keel.node.pod;

/** Why a container is not running though it should: ErrImagePull, ImagePullBackOff, CrashLoopBackOff, ... */
public record Waiting(String reason, String message) {
}
