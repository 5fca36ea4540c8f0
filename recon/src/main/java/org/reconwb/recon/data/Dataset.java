package org.reconwb.recon.data;

import java.util.Optional;

/** Something a reconstructor can turn into images: acquired data plus what is known about it. */
public interface Dataset {
    /** A short name for messages and output files, e.g. the file name. */
    String name();

    Modality modality();

    /** The ground truth to score against, when there is one. */
    Optional<ImageVolume> reference();

    /** Slices (2D problems reconstructed one by one, or one volume's planes). */
    int slices();

    /**
     * Slices {@code from} (inclusive) to {@code to} (exclusive) as a data set of their own, with the same
     * acquisition and the matching part of the reference: a large volume can be reconstructed in parts.
     */
    Dataset slab(int from, int to);

    /** @throws IllegalArgumentException unless {@code 0 <= from < to <= slices} */
    static void checkSlab(int from, int to, int slices) {
        if (from < 0 || to <= from || to > slices) {
            throw new IllegalArgumentException("slices " + from + " to " + to + " are not within 0 to " + slices);
        }
    }
}
