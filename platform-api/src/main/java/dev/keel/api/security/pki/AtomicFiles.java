package dev.keel.api.security.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes credential files so that readers never see a half-written file (temporary file in the same directory,
 * synced, then renamed) and secrets are never readable by others, not even for a moment.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {
    }

    /** Writes a secret (private key, token, kubeconfig): mode 600. */
    public static void writePrivate(Path target, byte[] content) {
        write(target, content, OWNER_ONLY);
    }

    /** Writes a public file (certificate): mode 644. */
    public static void writePublic(Path target, byte[] content) {
        write(target, content, WORLD_READABLE);
    }

    /** Creates {@code dir} (and missing parents) readable by the owner only. */
    public static void createPrivateDirectories(Path dir) {
        try {
            if (posix(dir.toAbsolutePath().getRoot())) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
            } else {
                Files.createDirectories(dir);
            }
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException(dir + " exists and is not a directory", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
    }

    private static void write(Path target, byte[] content, Set<PosixFilePermission> mode) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            boolean posix = posix(dir);
            // Created owner-only, so a secret is never briefly world-readable; widened afterwards if public.
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
            temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp", attributes);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (posix && !mode.equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(temp, mode);
            }
            move(temp, absolute);
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("could not write " + target, e);
            deleteQuietly(temp, failure);
            throw failure;
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp, Exception failure) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
