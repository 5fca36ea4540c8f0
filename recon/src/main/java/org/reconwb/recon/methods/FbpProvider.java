package org.reconwb.recon.methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.ct.FanRebinning;
import org.reconwb.recon.ct.FilteredBackprojection;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.spi.Modality;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;

/** Filtered backprojection, scikit-image's iradon conventions; full fan-beam scans are rebinned to parallel beam. */
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
    public boolean accepts(Modality m) {
        return CtData.isCt(m);
    }

    @Override
    public String description() {
        return "CT: each projection zero-padded and filtered (ramp, optionally windowed), then backprojected with linear "
                + "interpolation; same scale and result as scikit-image's iradon. Fan-beam scans over 360 degrees are "
                + "rebinned to parallel beam first.";
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
            FilteredBackprojection.Filter filter = FilteredBackprojection.parseFilter(params.getString("filter"));
            long start = System.nanoTime();
            int n = d.size();
            float[] out = new float[d.slices() * n * n];
            for (int s = 0; s < d.slices(); s++) {
                monitor.checkCancelled();
                monitor.progress((double) s / d.slices(), "slice " + (s + 1) + " of " + d.slices());
                FanRebinning.Parallel p = FanRebinning.toParallel(d.slice(s), d.geometry());
                System.arraycopy(FilteredBackprojection.reconstruct(p.data(), p.geometry(), n, filter), 0, out, s * n * n, n * n);
            }
            monitor.progress(1, "done");
            Map<String, Double> stages = new LinkedHashMap<>();
            stages.put("filter + backprojection", (System.nanoTime() - start) / 1e9);
            return new Result(id(), new ImageVolume(d.slices(), n, n, out), stages, List.of(), CpuDevice.describe());
        };
    }
}
