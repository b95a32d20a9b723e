package dev.keel.node.server.logs;

import java.io.IOException;
import java.util.List;

/** The log files of one container of a pod, one per attempt (restart), and whether the newest still runs. */
public interface LogSource {

    /** The files, oldest attempt first; empty when the container has never run here. */
    List<java.nio.file.Path> files() throws IOException;

    /** Whether a container is running (or about to) that writes the newest file. */
    boolean running();
}
