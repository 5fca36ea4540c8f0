package org.reconwb.recon.methods;

import java.util.List;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.solve.PowerIteration;
import java.util.function.Supplier;
import org.reconwb.recon.solve.SolverDevice;
import org.reconwb.recon.spi.DeviceMethod;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/** Total-variation compressed sensing on radial data through the NUFFT. */
public final class RadialCsTvProvider implements ReconstructorProvider, DeviceMethod {
    @Override
    public String id() {
        return "radial-cs-tv";
    }

    @Override
    public String displayName() {
        return "CS total variation (radial)";
    }

    @Override
    public Modality modality() {
        return Modality.MRI_RADIAL;
    }

    @Override
    public String description() {
        return "Radial compressed sensing: minimises 0.5||W^1/2 (A x - y)||^2 + lambda TV(x) with the NUFFT SENSE model "
                + "(W the radial density compensation) by FISTA with a TV proximal step; ESPIRiT maps from the gridded centre.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.real("lambda", "TV weight", 0.004, 0, 1, 0.0005,
                        "Weight of the total variation (data scaled so its 90th percentile is 1)."),
                ParameterDescriptor.integer("iterations", "Iterations", 60, 1, 5000, "Maximum FISTA iterations."),
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
            RadialMriDataset d = RadialMri.require(data, id());
            int iterations = params.getInt("iterations");
            try (SolverDevice device = open.get()) {
                // the step from each slice's (host) operator norm, so every device takes the same steps
                return SenseSlices.run(id(), d.slices(), d.rows(), d.cols(), monitor, iterations, device, RadialMri.model(d),
                        a -> ModelSolvers.totalVariation(params.getDouble("lambda"), 1 / PowerIteration.normalOperatorNorm(a, 8), iterations,
                                params.getDouble("tolerance")));
            }
        };
    }
}
