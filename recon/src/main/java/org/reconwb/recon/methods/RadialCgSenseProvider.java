package org.reconwb.recon.methods;

import java.util.List;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.data.RadialMriDataset;
import java.util.function.Supplier;
import org.reconwb.recon.solve.SolverDevice;
import org.reconwb.recon.spi.DeviceMethod;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/** CG-SENSE on radial data: density-compensated least squares through the NUFFT, with ESPIRiT maps. */
public final class RadialCgSenseProvider implements ReconstructorProvider, DeviceMethod {
    @Override
    public String id() {
        return "radial-cg-sense";
    }

    @Override
    public String displayName() {
        return "CG-SENSE (radial)";
    }

    @Override
    public Modality modality() {
        return Modality.MRI_RADIAL;
    }

    @Override
    public String description() {
        return "Radial parallel imaging: conjugate gradient on the density-compensated normal equations of the NUFFT "
                + "SENSE model with Tikhonov regularisation; ESPIRiT maps from the gridded k-space centre.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.integer("iterations", "Iterations", 20, 1, 500, "Maximum conjugate-gradient iterations."),
                ParameterDescriptor.real("lambda", "Tikhonov weight", 0.001, 0, 10, 0.0001,
                        "Weight of ||x||^2 relative to the (density-compensated) data term."),
                ParameterDescriptor.real("tolerance", "Tolerance", 1e-4, 0, 1, 1e-5,
                        "Stop when the relative residual falls below this."));
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
                return SenseSlices.run(id(), d.slices(), d.rows(), d.cols(), monitor, iterations, device, RadialMri.model(d),
                        ModelSolvers.tikhonov(params.getDouble("lambda"), iterations, params.getDouble("tolerance")));
            }
        };
    }
}
