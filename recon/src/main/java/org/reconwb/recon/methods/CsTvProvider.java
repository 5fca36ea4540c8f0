package org.reconwb.recon.methods;

import java.util.List;
import java.util.function.Supplier;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.solve.SolverDevice;
import org.reconwb.recon.spi.DeviceMethod;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/** Compressed sensing with a total-variation penalty (BART's {@code pics -R T}). */
public final class CsTvProvider implements ReconstructorProvider, DeviceMethod {
    @Override
    public String id() {
        return "cs-tv";
    }

    @Override
    public String displayName() {
        return "CS total variation";
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
        return "Compressed sensing on the multicoil SENSE model: minimises 0.5||Ax - y||^2 + lambda TV(x) (isotropic) "
                + "by FISTA with a warm-started TV proximal step; ESPIRiT coil maps; data scaled as BART does.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return SenseSlices.withMapParameters(
                ParameterDescriptor.real("lambda", "TV weight", 0.002, 0, 1, 0.0005,
                        "Weight of the total variation (data scaled so its 90th percentile is 1)."),
                ParameterDescriptor.integer("iterations", "Iterations", 30, 1, 5000, "Maximum FISTA iterations."),
                ParameterDescriptor.real("tolerance", "Tolerance", 0, 0, 1, 1e-5,
                        "Stop when the relative change of the image falls below this (0: run all iterations)."));
    }

    @Override
    public Reconstructor create() {
        return create(CpuDevice::open);
    }

    @Override
    public Reconstructor create(Supplier<SolverDevice> open) {
        return FrameByFrame.wrap((data, params, monitor) -> {
            var mri = CartesianMri.require(data, id());
            int iterations = params.getInt("iterations");
            try (SolverDevice device = open.get()) {
                // step 1: data scaled so that ||A|| <= 1
                return SenseSlices.run(id(), mri, params, monitor, iterations, device,
                        ModelSolvers.totalVariation(params.getDouble("lambda"), 1, iterations, params.getDouble("tolerance")));
            }
        });
    }
}
