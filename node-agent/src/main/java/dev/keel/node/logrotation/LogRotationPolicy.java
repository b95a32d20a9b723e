package dev.keel.node.logrotation;

/**
 * When a container's log is rotated and how many files stay.
 *
 * @param maxSize  bytes at which the live file is rotated; negative: rotation is off
 * @param maxFiles files kept per container, the live one included (at least 2)
 */
public record LogRotationPolicy(long maxSize, int maxFiles) {

    /** Rotation off: no log file is looked at. */
    public static final LogRotationPolicy OFF = new LogRotationPolicy(-1, 2);

    public boolean enabled() {
        return maxSize >= 0;
    }

    /** Whether a live file of this size is rotated. */
    public boolean due(long size) {
        return enabled() && size >= maxSize;
    }

    /** Rotated files that may stay before a rotation adds one: besides the live and the newly rotated file. */
    public int rotatedKeptBeforeRotation() {
        return Math.max(0, maxFiles - 2);
    }
}
