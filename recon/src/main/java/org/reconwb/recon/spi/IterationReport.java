package org.reconwb.recon.spi;

import org.reconwb.recon.data.ImageVolume;

/**
 * What a solver reports after each iteration.
 *
 * @param objective      the value the solver minimises (e.g. 0.5||Ax - y||^2 + regulariser)
 * @param relativeChange ||x_k - x_(k-1)|| / ||x_k||
 * @param iterateOrNull  the current image when the monitor asked for previews, else null
 */
public record IterationReport(int slice, int iteration, int maxIterations, double objective, double relativeChange,
        ImageVolume iterateOrNull) {

    /** The same report without the image, for keeping in a history. */
    public IterationReport withoutImage() {
        return iterateOrNull == null ? this : new IterationReport(slice, iteration, maxIterations, objective, relativeChange, null);
    }
}
