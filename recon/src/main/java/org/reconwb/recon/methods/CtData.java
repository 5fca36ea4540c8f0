package org.reconwb.recon.methods;

import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.data.SinogramDataset;

/** Shared checks for CT reconstructors (the classical ones here, the learned ones of the learned module). */
public final class CtData {
    private CtData() {
    }

    public static SinogramDataset require(Dataset data, String method) {
        if (data instanceof SinogramDataset sino) {
            return sino;
        }
        throw new IllegalArgumentException(method + " reconstructs CT sinograms; '" + data.name() + "' is " + data.modality().label());
    }

    public static boolean isCt(Modality m) {
        return m == Modality.CT_PARALLEL || m == Modality.CT_FAN;
    }
}
