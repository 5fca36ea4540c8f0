package org.reconwb.recon.methods;

import java.util.List;
import org.reconwb.recon.ct.FanRebinning;
import org.reconwb.recon.ct.FilteredBackprojection;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

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
            int n = d.size();
            return SliceLoop.run(id(), d.slices(), n, n, monitor, 1, CpuDevice.describe(), (s, slice) ->
                    slice.stages().time("filter + backprojection", () -> {
                        FanRebinning.Parallel p = FanRebinning.toParallel(d.slice(s), d.geometry());
                        return FilteredBackprojection.reconstruct(p.data(), p.geometry(), n, filter);
                    }));
        };
    }
}
