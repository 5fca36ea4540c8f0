package org.reconwb.recon.methods;

import java.util.List;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.solve.PowerIteration;
import org.reconwb.recon.solve.SolverDevice;
import java.util.function.Supplier;
import org.reconwb.recon.spi.DeviceMethod;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/** Total-variation regularised CT: 0.5||A x - y||^2 + lambda TV(x) by FISTA with a TV proximal step. */
public final class CtTvProvider implements ReconstructorProvider, DeviceMethod {
    @Override
    public String id() {
        return "ct-tv";
    }

    @Override
    public String displayName() {
        return "CT total variation";
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
        return "CT (parallel or fan beam) with a total-variation penalty, for sparse views and low dose: FISTA on the "
                + "ray-driven projector with a warm-started TV proximal step; data scaled so the weight suits any sinogram.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.real("lambda", "TV weight", 0.002, 0, 10, 0.0005,
                        "Weight of the total variation relative to the data term (data scaled so the back-projection's 90th percentile is 1)."),
                ParameterDescriptor.integer("iterations", "Iterations", 100, 1, 10000, "Maximum FISTA iterations."),
                ParameterDescriptor.real("tolerance", "Tolerance", 0, 0, 1, 1e-5,
                        "Stop when the relative change of the image falls below this (0: run all iterations)."));
    }

    @Override
    public Reconstructor create() {
        return create(CpuDevice::open);
    }

    @Override
    public Reconstructor create(Supplier<SolverDevice> open) {
        return (data, params, monitor) -> {
            SinogramDataset d = CtData.require(data, id());
            int n = d.size();
            RayProjector a = new RayProjector(n, d.geometry());
            double lipschitz = PowerIteration.realOperatorNorm(a, 12); // the projector is real: half the cost of a complex start
            int iterations = params.getInt("iterations");
            try (SolverDevice device = open.get()) {
                return SenseSlices.run(id(), d.slices(), n, n, monitor, iterations, device,
                        SenseSlices.Model.named("sinogram", s -> new SenseSlices.Problem(a, ComplexArrays.fromReal(d.slice(s)))),
                        ModelSolvers.totalVariation(params.getDouble("lambda"), 1 / lipschitz, iterations, params.getDouble("tolerance")));
            }
        };
    }
}
