package org.reconwb.app;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * A batch's input or output folder, as the places that process files see it: a local (or mounted) folder, or, with
 * the Spark engine, any Hadoop file system URI (hdfs://, s3a://, file://). Data sets are read from a local copy and
 * outputs written atomically, so a task that dies or is retried never leaves half a file.
 */
public interface BatchFolder extends Serializable {
    /** The folder's path or URI, for messages. */
    String location();

    /** Every regular file below the folder, relative to it with '/' separators, sorted. */
    List<String> files() throws IOException;

    boolean exists(String relative) throws IOException;

    /**
     * The file with the companions its reader looks for beside it (sidecar, the files the sidecar names, a .cfl's
     * .hdr), on the local file system: the file itself where the folder is local, else copies, removed on close.
     */
    Local local(String relative) throws IOException;

    /** Writes a file atomically; {@code content} writes a complete file at the local path it is given. */
    void write(String relative, boolean overwrite, LocalContent content) throws IOException;

    /** Removes what a killed writer of {@code relative} left (temporary files beside it). */
    void removeLeftovers(String relative) throws IOException;

    /** Checks before a long run that files can be made in the folder (making it when missing). */
    void checkWritable() throws IOException;

    /** Writes one complete file at a local path. */
    interface LocalContent {
        void writeTo(Path file) throws IOException;
    }

    /** A local view of a file; {@link #close} removes copies. */
    interface Local extends AutoCloseable {
        Path path();

        @Override
        void close() throws IOException;
    }

    /** True for text that names a URI with a scheme (hdfs://host/x, file:///x), not a local path. */
    static boolean isUri(String location) {
        return location.matches("[A-Za-z][A-Za-z0-9+.-]+:/.*");
    }
}
