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

/** Compressed sensing with an l1 penalty on wavelet coefficients (BART's {@code pics -l1}). */
public final class CsWaveletProvider implements ReconstructorProvider, DeviceMethod {
    @Override
    public String id() {
        return "cs-wavelet";
    }

    @Override
    public String displayName() {
        return "CS l1-wavelet";
    }

    @Override
    public Modality modality() {
        return Modality.MRI_CARTESIAN;
    }

    @Override
    public String description() {
        return "Compressed sensing on the multicoil SENSE model: minimises 0.5||Ax - y||^2 + lambda ||Wx||_1 by FISTA "
                + "with randomly shifted Daubechies wavelets; ESPIRiT coil maps; data scaled as BART does.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return SenseSlices.withMapParameters(
                ParameterDescriptor.real("lambda", "Wavelet weight", 0.005, 0, 1, 0.001,
                        "Weight of the l1 norm of the wavelet coefficients (data scaled so its 90th percentile is 1)."),
                ParameterDescriptor.integer("iterations", "Iterations", 40, 1, 2000, "Maximum FISTA iterations."),
                ParameterDescriptor.choice("wavelet", "Wavelet", "db4", List.of("db4", "haar"),
                        "Daubechies 4-tap (BART's default) or Haar."),
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
            ModelSolver solver = ModelSolvers.wavelet(Wavelet.parse(params.getString("wavelet")), params.getDouble("lambda"), iterations,
                    params.getDouble("tolerance"));
            try (SolverDevice device = open.get()) {
                return SenseSlices.run(id(), mri, params, monitor, iterations, device, solver);
            }
        };
    }
}
