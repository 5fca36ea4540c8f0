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

    /**
     * Writes {@code target} atomically. A failure to write (a read-only or full disk, a file where a folder
     * should be) becomes a {@link BadFileException} naming the target, with nothing left behind.
     */
    public static void write(Path target, boolean overwrite, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!overwrite && Files.exists(absolute)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; pass --overwrite to replace it");
        }
        Path dir = createFolder(target, absolute.getParent());
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
        } catch (FileAlreadyExistsException | BadFileException e) {
            throw e;
        } catch (IOException e) {
            throw new BadFileException(target, "cannot be written (" + reason(e) + ")", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Removes the temporary files {@link #write} left beside {@code target} when its process was killed while
     * writing. Only for a caller that owns the target's folder (a batch run), since another process may be
     * writing the same target now.
     */
    public static void removeLeftovers(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + ".";
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".part")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Checks up front that a target may be written, so a long job fails before it starts, not after: not
     * there (or {@code overwrite}), not a folder, and its folder exists (or is made) and takes a new file.
     */
    public static void checkWritable(Path target, boolean overwrite) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!overwrite && Files.exists(absolute)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; pass --overwrite to replace it");
        }
        if (Files.isDirectory(absolute)) {
            throw new BadFileException(target, "is a folder, not a file");
        }
        Path dir = createFolder(target, absolute.getParent());
        Path probe = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".probe");
        try {
            Files.newOutputStream(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw new BadFileException(target, "cannot be written in " + dir + " (" + reason(e) + ")", e);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static Path createFolder(Path target, Path dir) throws BadFileException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new BadFileException(target, "cannot be written: " + p + " is a file, not a folder");
            }
            if (Files.isDirectory(p)) {
                break;
            }
        }
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadFileException(target, "cannot make its folder " + dir + " (" + reason(e) + ")", e);
        }
    }

    /** What went wrong, in the operating system's words where it gave some ("No space left on device"). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
