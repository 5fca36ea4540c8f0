package org.reconwb.recon.data;

import java.util.Optional;

/** Something a reconstructor can turn into images: acquired data plus what is known about it. */
public interface Dataset {
    /** A short name for messages and output files, e.g. the file name. */
    String name();

    Modality modality();

    /** The ground truth to score against, when there is one. */
    Optional<ImageVolume> reference();
}
