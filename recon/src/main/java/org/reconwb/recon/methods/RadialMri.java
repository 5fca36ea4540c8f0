package org.reconwb.recon.methods;

import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.mri.RadialImaging;
import org.reconwb.recon.op.RadialSenseOperator;

/** Shared pieces of the radial reconstructors. */
final class RadialMri {
    private RadialMri() {
    }

    static RadialMriDataset require(Dataset data, String method) {
        if (data instanceof RadialMriDataset radial) {
            return radial;
        }
        throw new IllegalArgumentException(method + " reconstructs radial MRI; '" + data.name() + "' is " + data.modality().label());
    }

    /** Per slice: ESPIRiT maps from the gridded centre and the density-compensated model sqrt(W) N S. */
    static SenseSlices.Model model(RadialMriDataset d) {
        float[] dcf = d.trajectory().radialDensityCompensation();
        return s -> {
            float[] samples = d.slice(s);
            float[] maps = RadialImaging.espiritMaps(samples, d.coils(), d.trajectory(), d.rows(), d.cols());
            RadialSenseOperator a = new RadialSenseOperator(maps, Shape.of(d.coils(), d.rows(), d.cols()), d.trajectory(), dcf);
            return new SenseSlices.Problem(a, a.weigh(samples));
        };
    }
}
