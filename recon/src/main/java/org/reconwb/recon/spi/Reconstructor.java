package org.reconwb.recon.spi;

import org.reconwb.recon.data.Dataset;

/** One reconstruction method, ready to run. Instances are cheap; use one per job. */
public interface Reconstructor {
    /**
     * @throws IllegalArgumentException             when the data set does not suit this method
     * @throws ReconstructionCancelledException when the monitor cancelled
     */
    Result reconstruct(Dataset data, Parameters params, Monitor monitor);
}
