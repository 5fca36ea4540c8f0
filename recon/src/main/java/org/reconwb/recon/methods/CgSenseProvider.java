package org.reconwb.recon.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mri.CoilMapEstimator;
import org.reconwb.recon.mri.Espirit;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.op.LinearOperator;
import org.reconwb.recon.op.MriOperators;
import org.reconwb.recon.solve.ConjugateGradient;
import org.reconwb.recon.spi.IterationReport;
import org.reconwb.recon.spi.Modality;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;

/**
 * SENSE by conjugate gradient on the regularised normal equations (A^H A + lambda I) x = A^H y with
 * A = M F S. Coil maps come with the data or are estimated from the calibration region (ESPIRiT by
 * default). Because the maps are normalised (sum |S|^2 <= 1) and the FFT is unitary, ||A|| <= 1 and lambda is dimensionless:
 * the same default suits any file.
 */
public final class CgSenseProvider implements ReconstructorProvider {
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

    @Override
    public String description() {
        return "Parallel imaging: solves the multicoil SENSE model by conjugate gradient with Tikhonov "
                + "regularisation. Coil sensitivities by ESPIRiT from the data's calibration region.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.integer("iterations", "Iterations", 60, 1, 500,
                        "Maximum conjugate-gradient iterations; fewer iterations also regularise."),
                ParameterDescriptor.real("lambda", "Tikhonov weight", 0.0003, 0, 10, 0.0001,
                        "Weight of ||x||^2 relative to the data term (the operator has norm 1)."),
                ParameterDescriptor.real("tolerance", "Tolerance", 1e-4, 0, 1, 1e-5,
                        "Stop when the relative residual ||r||/||b|| falls below this."),
                ParameterDescriptor.choice("maps", "Coil maps", "espirit", List.of("espirit", "calibration"),
                        "How coil sensitivities are estimated when the data has none: ESPIRiT, or the smoothed calibration region."),
                ParameterDescriptor.real("support", "Coil map support threshold", 0.1, 0, 0.5, 0.01,
                        "With maps=calibration: maps are zero where the low-resolution image is below this fraction of its maximum."));
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            CartesianMriDataset mri = CartesianMri.require(data, id());
            int iterations = params.getInt("iterations");
            double lambda = params.getDouble("lambda");
            double tolerance = params.getDouble("tolerance");
            double support = params.getDouble("support");
            KSpace k = mri.kspace();
            Shape shape = k.sliceShape();
            int pixels = k.rows() * k.cols();
            float[] out = new float[k.slices() * pixels];
            List<IterationReport> history = new ArrayList<>();
            double mapSeconds = 0, solveSeconds = 0;
            for (int s = 0; s < k.slices(); s++) {
                monitor.checkCancelled();
                int slice = s;
                long t0 = System.nanoTime();
                float[] y = k.slice(s);
                float[] maps = mri.coilMaps().orElseGet(() -> "espirit".equals(params.getString("maps"))
                        ? Espirit.maps(y, shape, mri.mask(), Espirit.Options.DEFAULT)
                        : CoilMapEstimator.fromCalibration(y, shape, mri.mask(), support));
                long t1 = System.nanoTime();
                LinearOperator a = MriOperators.cartesianSense(maps, shape, mri.mask().weights());
                float[] b = a.adjoint(y);
                double halfDataNorm = 0.5 * ComplexArrays.norm2Squared(y);
                float[] x = ConjugateGradient.solve(v -> {
                    float[] mv = a.normal(v);
                    ComplexArrays.axpy(lambda, v, mv);
                    return mv;
                }, b, iterations, tolerance, (it, current, objective, change, residual) -> {
                    ImageVolume preview = monitor.wantsIterates()
                            ? ImageVolume.ofSlice(k.rows(), k.cols(), ComplexArrays.magnitude(current)) : null;
                    IterationReport report = new IterationReport(slice, it, iterations, objective + halfDataNorm, change, preview);
                    history.add(report.withoutImage());
                    monitor.iteration(report);
                    monitor.progress((slice + (double) it / iterations) / k.slices(),
                            "slice " + (slice + 1) + "/" + k.slices() + ", iteration " + it + "/" + iterations);
                    monitor.checkCancelled();
                });
                System.arraycopy(ComplexArrays.magnitude(x), 0, out, s * pixels, pixels);
                mapSeconds += (t1 - t0) / 1e9;
                solveSeconds += (System.nanoTime() - t1) / 1e9;
            }
            monitor.progress(1, "done");
            Map<String, Double> stages = new LinkedHashMap<>();
            stages.put("coil maps", mapSeconds);
            stages.put("conjugate gradient", solveSeconds);
            return new Result(id(), new ImageVolume(k.slices(), k.rows(), k.cols(), out), stages, history, CpuDevice.describe());
        };
    }
}
