package org.reconwb.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks every reader makes before opening a file, so that a folder, a dangling link or a link loop is named in words. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * @throws NoSuchFileException when nothing is there
     * @throws BadFileException for a folder, a link that leads nowhere (or to itself), or a file that cannot be read
     */
    public static void requireReadable(Path file) throws IOException {
        if (!Files.exists(file)) {
            if (Files.isSymbolicLink(file)) {
                throw new BadFileException(file, "is a link that leads to no file (dangling, or a loop of links)");
            }
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new BadFileException(file, "is a folder, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new BadFileException(file, "cannot be read (permission denied)");
        }
    }

    /** Whether something (a file, or a link, even a broken one) is at the path. */
    public static boolean present(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }
}
