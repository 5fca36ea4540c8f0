package org.reconwb.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file that cannot be read as what it claims to be; the message names the file and the problem. */
public class BadFileException extends IOException {
    private final Path file;

    public BadFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public BadFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** A readable file that is not a data set (an image, a mask, a raw array without its geometry): {@code info} describes it instead. */
    public static class NotADataset extends BadFileException {
        public NotADataset(Path file, String problem) {
            super(file, problem);
        }
    }
}
