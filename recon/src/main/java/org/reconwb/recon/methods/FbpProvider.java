package org.reconwb.recon.methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.ct.FilteredBackprojection;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.spi.Modality;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;

/** Filtered backprojection of parallel-beam sinograms, scikit-image's iradon conventions. */
public final class FbpProvider implements ReconstructorProvider {
    @Override
    public String id() {
        return "fbp";
    }

    @Override
    public String displayName() {
        return "Filtered backprojection";
    }

    @Override
    public Modality modality() {
        return Modality.CT_PARALLEL;
    }

    @Override
    public String description() {
        return "Parallel-beam CT: each projection zero-padded and filtered (ramp, optionally windowed), then backprojected "
                + "with linear interpolation; same scale and result as scikit-image's iradon.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(ParameterDescriptor.choice("filter", "Filter", "ramp", List.of("ramp", "shepp-logan", "cosine", "hamming", "hann"),
                "Ramp filter, or the ramp with a window that trades resolution for noise."));
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            SinogramDataset d = CtData.require(data, id());
            if (d.geometry().kind() != CtGeometry.Kind.PARALLEL) {
                throw new IllegalArgumentException("fbp reconstructs parallel-beam sinograms; '" + d.name() + "' is fan beam (use sirt or ct-tv)");
            }
            FilteredBackprojection.Filter filter = FilteredBackprojection.parseFilter(params.getString("filter"));
            long start = System.nanoTime();
            int n = d.size();
            float[] out = new float[d.slices() * n * n];
            for (int s = 0; s < d.slices(); s++) {
                monitor.checkCancelled();
                monitor.progress((double) s / d.slices(), "slice " + (s + 1) + " of " + d.slices());
                System.arraycopy(FilteredBackprojection.reconstruct(d.slice(s), d.geometry(), n, filter), 0, out, s * n * n, n * n);
            }
            monitor.progress(1, "done");
            Map<String, Double> stages = new LinkedHashMap<>();
            stages.put("filter + backprojection", (System.nanoTime() - start) / 1e9);
            return new Result(id(), new ImageVolume(d.slices(), n, n, out), stages, List.of(), CpuDevice.describe());
        };
    }
}
