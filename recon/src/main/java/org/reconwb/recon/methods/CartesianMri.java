package org.reconwb.recon.methods;

import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;

/** Shared checks for reconstructors of Cartesian MRI. */
public final class CartesianMri {
    private CartesianMri() {
    }

    public static CartesianMriDataset require(Dataset data, String method) {
        if (data instanceof CartesianMriDataset mri) {
            return mri;
        }
        throw new IllegalArgumentException(method + " reconstructs Cartesian MRI k-space; '" + data.name()
                + "' is " + data.modality().label());
    }
}
