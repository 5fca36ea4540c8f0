package org.reconwb.recon.methods;

import java.util.List;
import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.solve.Fista;
import org.reconwb.recon.solve.ShiftedWaveletThreshold;
import org.reconwb.recon.spi.Modality;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/** Compressed sensing with an l1 penalty on wavelet coefficients (BART's {@code pics -l1}). */
public final class CsWaveletProvider implements ReconstructorProvider {
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
        return (data, params, monitor) -> {
            var mri = CartesianMri.require(data, id());
            int rows = mri.kspace().rows(), cols = mri.kspace().cols();
            int iterations = params.getInt("iterations");
            return SenseSlices.run(id(), mri, params, monitor, iterations, (a, y, sink) -> HostSolvers.minimise(a, y,
                    new Fista.Settings(HostSolvers.WAVELET_STEP, iterations, params.getDouble("tolerance")), sink,
                    new ShiftedWaveletThreshold(rows, cols, Wavelet.parse(params.getString("wavelet")), params.getDouble("lambda"), 1)));
        };
    }
}
