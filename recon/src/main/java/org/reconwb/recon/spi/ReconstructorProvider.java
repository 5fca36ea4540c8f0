package org.reconwb.recon.spi;

import java.util.List;
import org.reconwb.recon.data.Modality;

/**
 * A reconstruction method as the front ends see it, found through {@link java.util.ServiceLoader}:
 * a stable id (scripts depend on it), a name and description for people, the modality it accepts,
 * and typed parameters from which forms, CLI options and dialogs are generated.
 */
public interface ReconstructorProvider {
    String id();

    String displayName();

    Modality modality();

    /** Whether this method reconstructs data of the given modality (by default only its own). */
    default boolean accepts(Modality m) {
        return m == modality();
    }

    /** What it accepts, in words for messages and listings, e.g. "CT parallel beam or CT fan beam". */
    default String acceptsLabel() {
        return java.util.Arrays.stream(Modality.values()).filter(this::accepts).map(Modality::label)
                .collect(java.util.stream.Collectors.joining(" or "));
    }

    String description();

    List<ParameterDescriptor> parameters();

    Reconstructor create();
}
