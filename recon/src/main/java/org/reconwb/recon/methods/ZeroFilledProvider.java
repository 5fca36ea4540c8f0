package org.reconwb.recon.methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.spi.Modality;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;

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
        return (data, params, monitor) -> {
            CartesianMriDataset mri = CartesianMri.require(data, id());
            long start = System.nanoTime();
            KSpace k = mri.kspace();
            int pixels = k.rows() * k.cols();
            float[] out = new float[k.slices() * pixels];
            for (int s = 0; s < k.slices(); s++) {
                monitor.checkCancelled();
                monitor.progress((double) s / k.slices(), "slice " + (s + 1) + " of " + k.slices());
                float[] images = CoilImages.toImages(k.slice(s), k.sliceShape());
                System.arraycopy(CoilImages.rootSumOfSquares(images, k.coils(), pixels), 0, out, s * pixels, pixels);
            }
            monitor.progress(1, "done");
            Map<String, Double> stages = new LinkedHashMap<>();
            stages.put("inverse FFT + RSS", (System.nanoTime() - start) / 1e9);
            return new Result(id(), new ImageVolume(k.slices(), k.rows(), k.cols(), out), stages, List.of(), CpuDevice.describe());
        };
    }
}
