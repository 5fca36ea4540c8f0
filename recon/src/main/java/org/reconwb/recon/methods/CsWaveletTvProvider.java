package org.reconwb.recon.methods;

import java.util.List;
import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.solve.Fista;
import org.reconwb.recon.solve.TotalVariation;
import org.reconwb.recon.solve.ShiftedWaveletThreshold;
import org.reconwb.recon.spi.Modality;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/** Compressed sensing with both l1-wavelet and total-variation penalties. */
public final class CsWaveletTvProvider implements ReconstructorProvider {
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
        return (data, params, monitor) -> {
            var mri = CartesianMri.require(data, id());
            int rows = mri.kspace().rows(), cols = mri.kspace().cols();
            int iterations = params.getInt("iterations");
            return SenseSlices.run(id(), mri, params, monitor, iterations, (a, y, sink) -> {
                Fista.Settings settings = new Fista.Settings(1, iterations, params.getDouble("tolerance"));
                TotalVariation<float[]> tv = TotalVariation.onHost(rows, cols, params.getDouble("lambda-tv"));
                double lambdaWavelet = params.getDouble("lambda-wavelet");
                return lambdaWavelet <= 0 ? HostSolvers.minimise(a, y, settings, sink, tv)
                        : HostSolvers.minimise(a, y, settings, sink, new ShiftedWaveletThreshold(rows, cols, Wavelet.DB4, lambdaWavelet, 1), tv);
            });
        };
    }
}
