package org.reconwb.recon.methods;

import java.util.List;
import java.util.function.Supplier;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.solve.SolverDevice;
import org.reconwb.recon.spi.DeviceMethod;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/**
 * SENSE by conjugate gradient on the regularised normal equations (A^H A + lambda I) x = A^H y with
 * A = M F S. Coil maps come with the data or are estimated from the calibration region (ESPIRiT by
 * default). Because the maps are normalised (sum |S|^2 <= 1) and the FFT is unitary, ||A|| <= 1 and
 * lambda is dimensionless: the same default suits any file.
 */
public final class CgSenseProvider implements ReconstructorProvider, DeviceMethod {
    @Override
    public String id() {
        return "cg-sense";
    }

    @Override
    public String displayName() {
        return "CG-SENSE";
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
        return "Parallel imaging: solves the multicoil SENSE model by conjugate gradient with Tikhonov "
                + "regularisation. Coil sensitivities by ESPIRiT from the data's calibration region.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return SenseSlices.withMapParameters(
                ParameterDescriptor.integer("iterations", "Iterations", 60, 1, 500,
                        "Maximum conjugate-gradient iterations; fewer iterations also regularise."),
                ParameterDescriptor.real("lambda", "Tikhonov weight", 0.0003, 0, 10, 0.0001,
                        "Weight of ||x||^2 relative to the data term (the operator has norm 1)."),
                ParameterDescriptor.real("tolerance", "Tolerance", 1e-4, 0, 1, 1e-5,
                        "Stop when the relative residual ||r||/||b|| falls below this."));
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
                return SenseSlices.run(id(), mri, params, monitor, iterations, device,
                        ModelSolvers.tikhonov(params.getDouble("lambda"), iterations, params.getDouble("tolerance")));
            }
        });
    }
}
