package org.reconwb.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader never sees a partial one and nothing is overwritten by accident: the
 * content goes to a temporary file in the same folder, which is renamed over the target only when
 * complete. On failure the temporary file is removed and the target is untouched.
 */
public final class SafeOutput {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    /** Writes content to a stream. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private SafeOutput() {
    }

    public static void write(Path target, boolean overwrite, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!overwrite && Files.exists(absolute)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; pass --overwrite to replace it");
        }
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would stick to the result after the rename.
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            if (!overwrite && Files.exists(absolute)) {
                throw new FileAlreadyExistsException(target.toString(), null, "appeared while writing; not replaced");
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Checks up front that a target may be written, so a long job fails before it starts, not after. */
    public static void checkWritable(Path target, boolean overwrite) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!overwrite && Files.exists(absolute)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; pass --overwrite to replace it");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException(target + ": is a folder, not a file");
        }
    }
}
