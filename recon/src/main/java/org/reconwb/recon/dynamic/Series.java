package org.reconwb.recon.dynamic;

import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.DynamicMriDataset;

/** Shared checks for reconstructors of series. */
final class Series {
    private Series() {
    }

    static DynamicMriDataset require(Dataset data, String method) {
        if (data instanceof DynamicMriDataset series) {
            return series;
        }
        throw new IllegalArgumentException(method + " reconstructs dynamic MRI (a series of frames); '" + data.name() + "' is "
                + data.modality().label());
    }
}
