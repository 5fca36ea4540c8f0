package org.reconwb.recon.methods;

import java.util.List;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.mri.RadialImaging;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

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
            return SliceLoop.run(id(), d.slices(), d.rows(), d.cols(), monitor, 1, CpuDevice.describe(), (s, slice) ->
                    slice.stages().time("gridding + RSS", () -> CoilImages.rootSumOfSquares(RadialImaging.griddedCoilImages(d.slice(s), d.coils(),
                            d.trajectory(), d.rows(), d.cols(), Double.POSITIVE_INFINITY), d.coils(), d.rows() * d.cols())));
        };
    }
}
