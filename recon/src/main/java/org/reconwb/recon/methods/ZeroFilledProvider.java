package org.reconwb.recon.methods;

import java.util.List;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/** Inverse FFT of the zero-filled k-space of each coil, combined by root sum of squares: the baseline. */
public final class ZeroFilledProvider implements ReconstructorProvider {
    @Override
    public String id() {
        return "zero-filled";
    }

    @Override
    public String displayName() {
        return "Zero-filled (coil RSS)";
    }

    @Override
    public Modality modality() {
        return Modality.MRI_CARTESIAN;
    }

    /** Series too, frame by frame. */
    @Override
    public boolean accepts(Modality m) {
        return m == Modality.MRI_CARTESIAN || m == Modality.MRI_DYNAMIC;
    }

    @Override
    public String description() {
        return "Inverse FFT of the acquired k-space with zeros where nothing was measured, coils combined by "
                + "root sum of squares. Fast; shows the aliasing that undersampling causes.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of();
    }

    @Override
    public Reconstructor create() {
        return FrameByFrame.wrap((data, params, monitor) -> {
            CartesianMriDataset mri = CartesianMri.require(data, id());
            KSpace k = mri.kspace();
            return SliceLoop.run(id(), k.slices(), k.rows(), k.cols(), monitor, 1, CpuDevice.describe(), (s, slice) ->
                    slice.stages().time("inverse FFT + RSS", () ->
                            CoilImages.rootSumOfSquares(CoilImages.toImages(k.slice(s), k.sliceShape()), k.coils(), k.rows() * k.cols())));
        });
    }
}
