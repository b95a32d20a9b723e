package dev.keel.node.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A hostPath volume's type check, as the kubelet's: the *OrCreate types create what is missing (a directory with its
 * parents, 0755; a file 0644, whose parent must exist), the others require that kind of file; unset checks nothing.
 * Symlinks are followed, as stat(2) does.
 */
final class HostPaths {

    private static final int FILE_TYPE = 0170000;
    private static final int SOCKET = 0140000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;

    private HostPaths() {
    }

    /** Checks (or creates) {@code path}; the message is the kubelet's ("hostPath type check failed: P is not a file"). */
    static Path check(Path path, String type) throws IOException, VolumeUnavailableException {
        switch (type == null ? "" : type) {
            case "" -> { }
            case "DirectoryOrCreate" -> {
                if (!Files.exists(path)) {
                    Files.createDirectories(path, PosixFilePermissions.asFileAttribute(KeyFiles.permissions(0755)));
                    Files.setPosixFilePermissions(path, KeyFiles.permissions(0755));
                }
                require(Files.isDirectory(path), path, "a directory");
            }
            case "Directory" -> require(Files.isDirectory(path), path, "a directory");
            case "FileOrCreate" -> {
                if (!Files.exists(path)) {
                    if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
                        throw new VolumeUnavailableException("hostPath type check failed: cannot create file " + path
                            + ": its directory does not exist (FileOrCreate does not create directories)");
                    }
                    Files.createFile(path);
                    Files.setPosixFilePermissions(path, KeyFiles.permissions(0644));
                }
                require(Files.isRegularFile(path), path, "a file");
            }
            case "File" -> require(Files.isRegularFile(path), path, "a file");
            case "Socket" -> require(fileType(path) == SOCKET, path, "a socket file");
            case "CharDevice" -> require(fileType(path) == CHARACTER_DEVICE, path, "a character device");
            case "BlockDevice" -> require(fileType(path) == BLOCK_DEVICE, path, "a block device");
            default -> throw new VolumeUnavailableException(type + " is an invalid volume type");
        }
        return path;
    }

    /** The S_IFMT bits of stat(2)'s st_mode, or -1 when nothing is there. */
    private static int fileType(Path path) throws IOException {
        if (!Files.exists(path)) {
            return -1;
        }
        return (Integer) Files.getAttribute(path, "unix:mode") & FILE_TYPE;
    }

    private static void require(boolean ok, Path path, String what) throws VolumeUnavailableException {
        if (!ok) {
            throw new VolumeUnavailableException("hostPath type check failed: " + path + " is not " + what);
        }
    }
}
