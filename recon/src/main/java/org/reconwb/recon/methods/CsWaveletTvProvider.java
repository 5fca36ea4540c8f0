package org.reconwb.recon.methods;

import java.util.List;
import java.util.function.Supplier;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.solve.ModelSolver;
import org.reconwb.recon.solve.SolverDevice;
import org.reconwb.recon.spi.DeviceMethod;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/** Compressed sensing with both l1-wavelet and total-variation penalties. */
public final class CsWaveletTvProvider implements ReconstructorProvider, DeviceMethod {
    @Override
    public String id() {
        return "cs-wavelet-tv";
    }

    @Override
    public String displayName() {
        return "CS l1-wavelet + TV";
    }

    @Override
    public Modality modality() {
        return Modality.MRI_CARTESIAN;
    }

    @Override
    public String description() {
        return "Compressed sensing on the multicoil SENSE model with both penalties: 0.5||Ax - y||^2 + lambda_w ||Wx||_1 "
                + "+ lambda_tv TV(x), by three-operator splitting (Davis-Yin); ESPIRiT coil maps.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return SenseSlices.withMapParameters(
                ParameterDescriptor.real("lambda-wavelet", "Wavelet weight", 0.002, 0, 1, 0.001,
                        "Weight of the l1 norm of the Daubechies wavelet coefficients."),
                ParameterDescriptor.real("lambda-tv", "TV weight", 0.001, 0, 1, 0.0005, "Weight of the total variation."),
                ParameterDescriptor.integer("iterations", "Iterations", 100, 1, 5000, "Maximum iterations."),
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
            var mri = CartesianMri.require(data, id());
            int iterations = params.getInt("iterations");
            ModelSolver solver = ModelSolvers.waveletAndTotalVariation(Wavelet.DB4, params.getDouble("lambda-wavelet"), params.getDouble("lambda-tv"),
                    iterations, params.getDouble("tolerance"));
            try (SolverDevice device = open.get()) {
                return SenseSlices.run(id(), mri, params, monitor, iterations, device, solver);
            }
        };
    }
}
