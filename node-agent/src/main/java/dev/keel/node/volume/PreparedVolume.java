package dev.keel.node.volume;

import java.nio.file.Path;

/** A volume's directory (or file) on the node, and whether containers see it read-only whatever their mount says. */
public record PreparedVolume(Path hostPath, boolean readOnly) {
}
