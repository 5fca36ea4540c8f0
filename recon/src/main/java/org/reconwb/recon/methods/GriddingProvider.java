package org.reconwb.recon.methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.mri.RadialImaging;
import org.reconwb.recon.spi.Modality;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;

/** Density-compensated gridding of radial data, coils combined by root sum of squares: the radial baseline. */
public final class GriddingProvider implements ReconstructorProvider {
    @Override
    public String id() {
        return "gridding";
    }

    @Override
    public String displayName() {
        return "Gridding (coil RSS)";
    }

    @Override
    public Modality modality() {
        return Modality.MRI_RADIAL;
    }

    @Override
    public String description() {
        return "Radial MRI: samples weighted by the radial density compensation, gridded with a Kaiser-Bessel NUFFT "
                + "(2x oversampling), coils combined by root sum of squares. Fast; shows streaks when spokes are few.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of();
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            RadialMriDataset d = RadialMri.require(data, id());
            long start = System.nanoTime();
            int pixels = d.rows() * d.cols();
            float[] out = new float[d.slices() * pixels];
            for (int s = 0; s < d.slices(); s++) {
                monitor.checkCancelled();
                monitor.progress((double) s / d.slices(), "slice " + (s + 1) + " of " + d.slices());
                float[] coils = RadialImaging.griddedCoilImages(d.slice(s), d.coils(), d.trajectory(), d.rows(), d.cols(),
                        Double.POSITIVE_INFINITY);
                System.arraycopy(CoilImages.rootSumOfSquares(coils, d.coils(), pixels), 0, out, s * pixels, pixels);
            }
            monitor.progress(1, "done");
            Map<String, Double> stages = new LinkedHashMap<>();
            stages.put("gridding + RSS", (System.nanoTime() - start) / 1e9);
            return new Result(id(), new ImageVolume(d.slices(), d.rows(), d.cols(), out), stages, List.of(), CpuDevice.describe());
        };
    }
}
