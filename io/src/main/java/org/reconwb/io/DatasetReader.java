package org.reconwb.io;

import java.io.IOException;
import java.nio.file.Path;
import org.reconwb.recon.data.Dataset;

/**
 * Reads one kind of data set file. Found through {@link java.util.ServiceLoader}; {@link DatasetReaders}
 * asks each reader to probe a file's first bytes and hands the file to the first that supports it.
 */
public interface DatasetReader {
    /** Short id, e.g. "fastmri-hdf5". */
    String id();

    /** What files it reads, for people. */
    String description();

    /**
     * Decides from the content, not the file name. May read the file beyond {@code head} when the format
     * needs it (e.g. an .npy header) but must not load the data.
     *
     * @param head the first bytes of the file (up to {@link DatasetReaders#PROBE_BYTES})
     */
    Probe probe(Path file, byte[] head) throws IOException;

    /**
     * @throws BadFileException when the file is damaged or not what it should be (message names it)
     */
    Dataset read(Path file) throws IOException;

    /**
     * Reads with options from the command line or a dialog (e.g. CT geometry for a raw sinogram:
     * {@code geometry, angles, layout, sid, sdd, det-spacing, detector, size}). Readers that need none
     * ignore them.
     */
    default Dataset read(Path file, java.util.Map<String, String> options) throws IOException {
        return read(file);
    }
}
